"""atheris harness for the `baseline` entry point (fuzz/entrypoints.py); see fuzz/README.md."""

from _harness import main

if __name__ == "__main__":
    main("baseline")
