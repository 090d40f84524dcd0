"""atheris harness for the `repair` entry point (fuzz/entrypoints.py); see fuzz/README.md."""

from _harness import main

if __name__ == "__main__":
    main("repair")
