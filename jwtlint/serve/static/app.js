// jwtlint serve: the page. Plain script, no dependencies, nothing fetched but this server's API.
// Nothing pasted is ever written to the URL, history or browser storage; text reaches the DOM
// through textContent only.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const meta = document.querySelector('meta[name="jwtlint-session"]');
  const SESSION = meta ? meta.getAttribute("content") : "";
  const SEVERITIES = ["error", "warning", "info"];
  const ICONS = { error: "✖", warning: "▲", info: "ℹ" };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  async function api(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Jwtlint-Session": SESSION },
      body: JSON.stringify(body),
      cache: "no-store",
      credentials: "same-origin",
      referrerPolicy: "no-referrer",
    });
    const data = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
    if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
    return data;
  }

  function debounce(fn, ms) {
    let timer = 0;
    return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  async function copy(text, button) {
    let ok = false;
    try { await navigator.clipboard.writeText(text); ok = true; } catch (_) {
      const area = el("textarea", { class: "sr-only", "aria-hidden": "true" });
      area.value = text;
      document.body.append(area);
      area.select();
      try { ok = document.execCommand("copy"); } catch (_) { ok = false; }
      area.remove();
    }
    const label = button.textContent;
    button.textContent = ok ? "Copied" : "Copy failed";
    button.dataset.copied = ok ? "yes" : "no";
    setTimeout(() => { button.textContent = label; }, 1500);
  }

  function copyButton(text, label) {
    return el("button", { type: "button", class: "copy", "aria-label": label || "Copy", onclick: (e) => { e.stopPropagation(); copy(text, e.currentTarget); } }, "Copy");
  }

  // ---- options -------------------------------------------------------------------------------

  function parseNow(value) {
    const v = value.trim();
    if (!v) return { now: null, shown: "" };
    if (/^-?\d+(\.\d+)?$/.test(v)) {
      const n = Number(v);
      return { now: n, shown: isoOf(n) };
    }
    let text = v;
    if (/^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?)?$/.test(text)) text = text.replace(" ", "T") + (text.length === 10 ? "T00:00:00Z" : "Z");
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) return { now: undefined, shown: "not a time: give epoch seconds or a date such as 2020-10-23T16:53:00Z" };
    return { now: Math.floor(ms / 1000), shown: `${Math.floor(ms / 1000)} seconds` };
  }

  function isoOf(seconds) {
    const d = new Date(seconds * 1000);
    return Number.isNaN(d.getTime()) ? "" : d.toISOString().replace(".000Z", "Z") + " (UTC)";
  }

  function numberField(id) {
    const v = $(id).value.trim();
    return v === "" || Number.isNaN(Number(v)) ? undefined : Number(v);
  }

  function options() {
    const o = {};
    const aud = $("opt-audience").value.split(/[\s,]+/).filter(Boolean);
    if (aud.length) o.audience = aud.length === 1 ? aud[0] : aud;
    const iss = $("opt-issuer").value.trim();
    if (iss) o.issuer = iss;
    const now = parseNow($("opt-now").value);
    $("opt-now-shown").textContent = now.shown;
    if (typeof now.now === "number") o.now = now.now;
    const leeway = numberField("opt-leeway");
    if (leeway !== undefined) o.leeway = leeway;
    const life = numberField("opt-max-lifetime");
    if (life !== undefined) o.max_lifetime = life;
    if ($("opt-profile").value) o.profile = $("opt-profile").value;
    if ($("opt-show-secrets").checked) o.show_secrets = true;
    return o;
  }

  function keyArgs() {
    const text = $("key").value;
    if (!text.trim()) return {};
    return { [$("key-kind").value]: $("key-kind").value === "secret" ? text : text };
  }

  // ---- the token view ------------------------------------------------------------------------

  let current = null; // { result, view, items: [{id, target, index, finding}] }
  let selected = null;

  function findingId(t, i) { return `f${t}-${i}`; }

  function drawToken(view, ids) {
    const box = $("token-view");
    box.textContent = "";
    if (!view || !view.text) {
      box.append(el("span", { class: "placeholder", text: "Paste a token to see its parts." }));
      return;
    }
    const text = view.text;
    const cuts = new Set([0, text.length]);
    for (const r of view.regions) { cuts.add(r.start); cuts.add(r.end); }
    view.marks.forEach((ranges) => ranges.forEach(([a, b]) => { cuts.add(a); cuts.add(b); }));
    const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k], b = points[k + 1];
      if (a === b) continue;
      const region = view.regions.find((r) => r.start <= a && b <= r.end);
      const covering = [];
      view.marks.forEach((ranges, i) => { if (ranges.some(([s, e]) => s <= a && b <= e)) covering.push(ids[i]); });
      const cls = [region ? `seg-${region.role}` : (text.slice(a, b) === "." ? "seg-dot" : "seg-other")];
      if (covering.length) cls.push("mark");
      const piece = el("span", { class: cls.join(" "), "data-f": covering.join(" ") || null, "data-part": region ? region.role : null });
      piece.textContent = text.slice(a, b);
      box.append(piece);
    }
  }

  function drawSegment(seg, view, ids) {
    const box = $(`${seg.role}-view`);
    if (!box) return;
    box.textContent = "";
    if (seg.members) {
      const flagged = {};
      view.members.forEach((list, i) => list.forEach(([role, name]) => {
        if (role === seg.role) (flagged[name] = flagged[name] || []).push(ids[i]);
      }));
      const times = {};
      if (seg.role === "payload") for (const t of view.times) times[t.name] = t;
      box.append("{\n");
      seg.members.forEach((m, k) => {
        const value = m.value.replace(/\n/g, "\n  ");
        const line = el("span", { class: "member" + (flagged[m.name] ? " flagged" : ""), "data-member": m.name, "data-f": (flagged[m.name] || []).join(" ") || null });
        line.append("  ", el("span", { class: "name", text: JSON.stringify(m.name) }), `: ${value}${k + 1 < seg.members.length ? "," : ""}`);
        if (flagged[m.name]) line.append(el("span", { class: "sr-only", text: " (has a finding)" }));
        const t = times[m.name];
        if (t && t.utc) line.append(el("span", { class: "time", text: `${t.utc} (${t.relative})${t.unit ? ` — read as ${t.unit}` : ""}` }));
        else if (t && t.problem) line.append(el("span", { class: "time", text: `not a NumericDate: ${t.problem}` }));
        box.append(line);
      });
      box.append("}");
    } else if (seg.text) {
      box.append(seg.text);
    }
    if (seg.problem) box.append(el("div", { class: "problem", text: `not a JSON object: ${seg.problem}` }));
  }

  function drawFindings(list, items, onSelect) {
    list.textContent = "";
    if (!items.length) {
      list.append(el("li", { class: "none", text: "No findings." }));
      return;
    }
    const ordered = [...items].sort((a, b) => SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity) || a.order - b.order);
    for (const item of ordered) {
      const f = item.finding;
      const where = f.span ? `${f.span.part}[${f.span.start}:${f.span.end}]` : "";
      const li = el("li", {
        class: f.severity, id: item.id, tabindex: onSelect ? 0 : null, "data-name": f.name, "data-code": f.code,
        "aria-label": `${f.severity} ${f.code} ${f.name}`,
      });
      li.append(el("div", { class: "fhead" },
        el("span", { class: `sev sev-${f.severity}`, text: `${ICONS[f.severity] || ""} ${f.severity}` }),
        el("a", { class: "code", href: `/rules/${encodeURIComponent(f.name)}`, target: "_blank", rel: "noreferrer noopener", text: f.code, title: `Documentation of ${f.name}`, onclick: (e) => e.stopPropagation() }),
        el("span", { class: "fname", text: f.name }),
        where ? el("span", { class: "where", text: where }) : null));
      li.append(el("p", { class: "fmsg", text: f.message }));
      if (f.fix) li.append(el("p", { class: "ffix" }, el("b", { text: "fix" }), `: ${f.fix}`));
      if (f.fixed !== null && f.fixed !== undefined) {
        const hidden = f.fixed.startsWith("<hidden");
        const row = el("div", { class: "fixed" }, el("b", { text: "fixed" }), el("code", { class: "fixed-value", text: hidden ? `${f.fixed.replace("use --show-secrets", "tick Show secrets")}` : f.fixed }));
        if (!hidden) row.append(copyButton(f.fixed, `Copy the fixed value of ${f.name}`));
        li.append(row);
      }
      if (onSelect) {
        li.addEventListener("click", () => onSelect(item.id));
        li.addEventListener("keydown", (e) => {
          if (e.target === li && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); onSelect(item.id); }
        });
      }
      list.append(li);
    }
  }

  function select(id) {
    selected = selected === id ? null : id;
    document.querySelectorAll(".sel").forEach((n) => n.classList.remove("sel"));
    document.querySelectorAll("#findings li[aria-current]").forEach((n) => n.removeAttribute("aria-current"));
    if (!selected) return;
    const li = $(selected);
    if (li) { li.classList.add("sel"); li.setAttribute("aria-current", "true"); }
    let first = null;
    document.querySelectorAll("#token-view [data-f], .json [data-f]").forEach((n) => {
      if (n.dataset.f.split(" ").includes(selected)) {
        n.classList.add("sel");
        if (!first && n.closest("#token-view")) first = n;
      }
    });
    if (first) first.scrollIntoView({ block: "nearest" });
  }

  function summaryText(s) {
    return `${s.error} error${s.error === 1 ? "" : "s"}, ${s.warning} warning${s.warning === 1 ? "" : "s"}, ${s.info} info`;
  }

  function render(result, ms) {
    const views = result.view || [];
    const tokenIndex = result.targets.findIndex((t) => t.kind === "token");
    const view = tokenIndex >= 0 ? views[tokenIndex] : null;
    const items = [];
    result.targets.forEach((t, ti) => t.findings.forEach((f, i) => items.push({ id: findingId(ti, i), finding: f, order: items.length })));
    const ids = view ? result.targets[tokenIndex].findings.map((_, i) => findingId(tokenIndex, i)) : [];
    current = { result, view };
    drawToken(view, ids);
    const tokens = result.targets.filter((t) => t.kind === "token").length;
    $("form").textContent = view ? `${view.form.toUpperCase()}${view.wrappers.length ? ` · unwrapped from ${view.wrappers.join(", ")}` : ""}${tokens > 1 ? ` · the first of ${tokens} tokens` : ""}` : "";
    for (const role of ["header", "payload"]) $(`${role}-view`).textContent = "";
    if (view) for (const seg of view.segments) drawSegment(seg, view, ids);
    if (view && view.form === "jwe") $("payload-view").textContent = "Encrypted (JWE): the content is not opened; the header says how it was encrypted.";
    const sig = view && view.signature;
    $("signature-view").textContent = sig ? `Signature: ${sig.summary}${sig.verified ? `; ${sig.verified}` : ""}` : "";
    drawFindings($("findings"), items, select);
    $("summary").textContent = `(${summaryText(result.summary)})`;
    $("status").textContent = result.targets.length
      ? `${summaryText(result.summary)} · linted in ${ms} ms`
      : "No token found in the text.";
    const keep = selected;
    selected = null;
    if (keep && $(keep)) select(keep);
  }

  // ---- linting as you type -------------------------------------------------------------------

  let sequence = 0;
  async function lintNow() {
    const text = $("input").value;
    const mine = ++sequence;
    if (!text.trim()) {
      current = null;
      drawToken(null, []);
      $("findings").textContent = "";
      $("summary").textContent = "";
      $("status").textContent = "";
      $("form").textContent = "";
      $("signature-view").textContent = "";
      for (const role of ["header", "payload"]) $(`${role}-view`).textContent = "";
      settled();
      return;
    }
    const started = performance.now();
    try {
      const result = await api("/api/lint", { input: text, ...options(), ...keyArgs(), view: true });
      if (mine !== sequence) return; // a newer request was sent while this one ran
      render(result, Math.round(performance.now() - started));
    } catch (err) {
      if (mine !== sequence) return;
      $("status").textContent = `Error: ${err.message}`;
    }
    settled();
  }
  const lintLater = debounce(lintNow, 120);
  // body[data-busy] says whether an answer is still to come, body[data-rendered] counts answers drawn
  // (for scripts driving the page, such as the browser tests and the screenshot script).
  let renders = 0;
  function settled() {
    document.body.dataset.rendered = String(++renders);
    document.body.dataset.busy = "0";
  }
  function lintSoon() { document.body.dataset.busy = "1"; lintLater(); }

  // ---- fix, why ------------------------------------------------------------------------------

  async function fixToken() {
    const out = $("fix-out");
    out.textContent = "";
    const text = $("input").value;
    if (!text.trim()) { out.append(el("p", { class: "err", text: "Paste a token first." })); return; }
    const body = { input: text, ...keyArgs() };
    delete body.jwks;
    const now = options().now;
    if (now !== undefined) body.now = now;
    try {
      const result = await api("/api/fix", body);
      for (const t of result.tokens) {
        const box = el("div", { class: "out" });
        box.append(el("p", { class: t.resigned ? "ok" : (t.breaks_signature ? "err" : "ok"), text: t.resigned ? "Fixed and signed again with the key given." : (t.breaks_signature ? "Fixed, but the old signature no longer fits: paste the private key above to sign it again." : "Fixed.") }));
        box.append(el("pre", { class: "fixed-token", text: t.token }));
        box.append(el("div", { class: "row" }, copyButton(t.token, "Copy the fixed token"),
          el("button", { type: "button", class: "use-fixed", onclick: () => { $("input").value = t.token; lintNow(); } }, "Lint this token")));
        if (t.notes.length) box.append(el("ul", {}, ...t.notes.map((n) => el("li", { text: n }))));
        out.append(box);
      }
    } catch (err) {
      out.append(el("p", { class: "err", text: err.message }));
    }
  }

  async function explain() {
    const out = $("why-out");
    out.textContent = "";
    const message = $("why-message").value.trim();
    if (!message) return;
    const body = { message };
    if ($("input").value.trim()) body.token = $("input").value;
    if ($("key").value.trim() && $("key-kind").value !== "secret") body.key = $("key").value;
    const now = options().now;
    if (now !== undefined) body.now = now;
    try {
      const r = await api("/api/why", body);
      if (!r.matches.length) {
        out.append(el("p", { text: "jwtlint does not know this message." }));
        if (r.closest.length) out.append(el("p", { text: "Closest known messages:" }), el("ul", {}, ...r.closest.map((c) => el("li", { text: `${c.source}: ${c.message}` }))));
        return;
      }
      for (const m of r.matches) {
        const box = el("div", { class: "out" }, el("p", {}, el("b", { text: m.source }), `: ${m.message}`));
        if (m.cite) box.append(el("p", { class: "hint", text: m.cite }));
        box.append(el("ul", {}, ...m.causes.map((c) => el("li", {},
          c.confirmed_by && c.confirmed_by.length ? el("b", { class: "ok", text: "confirmed: " }) : null,
          c.cause,
          c.rules.length ? el("span", { class: "hint", text: ` (${c.rules.join(", ")})` }) : null))));
        out.append(box);
      }
    } catch (err) {
      out.append(el("p", { class: "err", text: err.message }));
    }
  }

  // ---- the key tab ---------------------------------------------------------------------------

  let keySequence = 0;
  async function lintKey() {
    const text = $("key-input").value;
    const mine = ++keySequence;
    const pub = $("key-public");
    if (!text.trim()) {
      $("key-findings").textContent = ""; pub.textContent = ""; $("key-summary").textContent = "";
      $("key-public-error").textContent = ""; $("key-repair").textContent = "";
      return;
    }
    const body = { input: text };
    const o = options();
    if (o.now !== undefined) body.now = o.now;
    if (o.show_secrets) body.show_secrets = true;
    try {
      const r = await api("/api/key", body);
      if (mine !== keySequence) return;
      const items = [];
      r.targets.forEach((t, ti) => t.findings.forEach((f, i) => items.push({ id: `k${ti}-${i}`, finding: f, order: items.length })));
      drawFindings($("key-findings"), items, null);
      $("key-summary").textContent = `(${summaryText(r.summary)})`;
      drawKeyRepair($("key-repair"), r.repair);
      pub.textContent = "";
      $("key-public-error").textContent = r.public_error || "";
      if (r.public) {
        r.public.keys.forEach((k, i) => pub.append(el("p", {}, `${k}: kid `, el("code", { class: "kid", text: r.public.kids[i] }), " (RFC 7638 thumbprint)")));
        for (const [name, label] of [["pem", "PEM (SubjectPublicKeyInfo)"], ["jwk", "JWK"], ["jwks", "JWK Set"]]) {
          if (!r.public[name]) continue;
          pub.append(el("h3", { text: label }), el("pre", { id: `public-${name}`, text: r.public[name] }), copyButton(r.public[name], `Copy the public ${label}`));
        }
      }
    } catch (err) {
      if (mine !== keySequence) return;
      $("key-public-error").textContent = `Error: ${err.message}`;
    }
  }
  const lintKeySoon = debounce(lintKey, 150);

  // What `jwtlint fix KEYFILE` writes: the notes, and the clean PEM (a private key's only when
  // "show secrets" is ticked: the server leaves it out otherwise).
  function drawKeyRepair(box, repair) {
    box.textContent = "";
    if (!repair) return;
    if (repair.error) { box.append(el("p", { class: "hint", text: repair.error })); return; }
    const notes = el("ul", { id: "key-repair-notes" });
    for (const n of repair.notes) notes.append(el("li", { text: n }));
    box.append(notes);
    if (repair.pem) {
      box.append(el("pre", { id: "key-repair-pem", text: repair.pem }), copyButton(repair.pem, "Copy the repaired key"));
    } else if (repair.private) {
      box.append(el("p", { class: "hint", text: "The repaired key is private: tick \u201cshow secrets\u201d to see it, or run jwtlint fix KEYFILE on your machine." }));
    }
  }

  // ---- tabs ----------------------------------------------------------------------------------

  function showTab(tab) {
    for (const t of document.querySelectorAll("[role=tab]")) {
      const on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("input").addEventListener("input", lintSoon);
    for (const id of ["opt-audience", "opt-issuer", "opt-now", "opt-leeway", "opt-max-lifetime", "key"]) $(id).addEventListener("input", lintSoon);
    for (const id of ["opt-profile", "opt-show-secrets", "key-kind"]) $(id).addEventListener("change", () => { lintSoon(); lintKeySoon(); });
    $("fix").addEventListener("click", fixToken);
    $("why-run").addEventListener("click", explain);
    $("key-input").addEventListener("input", lintKeySoon);
    const tabs = [...document.querySelectorAll("[role=tab]")];
    tabs.forEach((t, i) => {
      t.addEventListener("click", () => showTab(t));
      t.addEventListener("keydown", (e) => {
        if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
        const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
        showTab(next); next.focus();
      });
    });
    if ($("input").value.trim()) lintNow(); // a browser may restore the text area's content
  });
})();
