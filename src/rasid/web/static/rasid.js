/* rasid pages: click a fact to see its details and jump to its sentence.
   Data comes from <script type="application/json"> blocks; everything is written with
   textContent, never innerHTML, so article text can never become markup. */
(function () {
  "use strict";
  var factsEl = document.getElementById("facts");
  if (!factsEl) return;
  var facts = JSON.parse(factsEl.textContent);
  var labels = JSON.parse((document.getElementById("labels") || {}).textContent || "{}");
  var body = document.getElementById("details-body");
  function L(k) { return labels[k] || k; }

  function row(dl, key, value) {
    if (value === null || value === undefined || value === "") return;
    var dt = document.createElement("dt"); dt.textContent = L(key);
    var dd = document.createElement("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    dl.appendChild(dt); dl.appendChild(dd);
  }

  function show(id, el) {
    var f = facts[id];
    if (!f || !body) return;
    body.textContent = "";
    var h = document.createElement("h4");
    h.className = "fact-kind fact-kind-" + f.kind;
    h.textContent = L(f.kind) + (f.type ? " · " + (labels["ev_" + f.type] || labels[f.type] || f.type) : "");
    body.appendChild(h);
    var dl = document.createElement("dl");
    if (f.kind === "entity") {
      row(dl, "name", f.name); row(dl, "type", L(f.type));
      if (f.name_en) row(dl, "name_en", f.name_en);
      row(dl, "kb_id", f.kb_id);
      row(dl, "mentions", (f.mentions || []).join("، "));
      row(dl, "confidence", f.confidence);
    } else if (f.kind === "quote") {
      row(dl, "speaker", f.speaker || L("unknown")); row(dl, "verb", f.verb);
      row(dl, "text", "«" + f.text + "»"); row(dl, "source", f.source);
      row(dl, "confidence", f.confidence);
    } else if (f.kind === "time") {
      row(dl, "text", f.text); row(dl, "value", f.value || L("unknown"));
    } else if (f.kind === "event") {
      row(dl, "trigger", f.trigger); row(dl, "actor", f.actor); row(dl, "target", f.target);
      row(dl, "time", f.time);
      if (f.negated) row(dl, "negated", "✓");
      if (f.hypothetical) row(dl, "hypothetical", "✓");
      row(dl, "confidence", f.confidence);
    }
    // the sentence of the clicked words, else the fact's own (its first mention)
    var here = el && el.closest && el.closest("#doc") && el.closest(".sent");
    var sentence = here ? parseInt(here.getAttribute("data-sent"), 10) : f.sentence;
    if (sentence !== null && sentence !== undefined) {
      var a = document.createElement("a");
      a.href = "#s-" + sentence; a.className = "jump";
      a.textContent = L("jump_sentence") + " " + (sentence + 1);
      a.addEventListener("click", function (ev) { ev.preventDefault(); jump(sentence); });
      row(dl, "sentence", a);
    }
    body.appendChild(dl);
    if (f.url) {
      var link = document.createElement("a");
      link.href = f.url; link.id = "details-entity-link"; link.textContent = L("open_entity") + " ←";
      body.appendChild(link);
    }
    document.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
    document.querySelectorAll("[data-facts]").forEach(function (el) {
      if (el.getAttribute("data-facts").split(" ").indexOf(id) >= 0 && !el.classList.contains("speaker-badge")) el.classList.add("selected");
    });
    if (sentence !== null && sentence !== undefined) jump(sentence, el);
  }

  function jump(n, el) {
    // clicked in the text: the clicked words and their sentence (a long sentence may not
    // fit the window); clicked elsewhere (tables, details): the fact's sentence
    var inText = el && el.closest && el.closest("#doc");
    var s = (inText && el.closest(".sent")) || document.getElementById("s-" + n);
    if (!s) return;
    (inText ? el : s).scrollIntoView({ block: "center", behavior: "smooth" });
    s.classList.add("flash");
    setTimeout(function () { s.classList.remove("flash"); }, 1200);
  }

  document.addEventListener("click", function (ev) {
    var el = ev.target.closest ? ev.target.closest("[data-facts]") : null;
    if (!el || ev.target.closest("a")) return;
    var id = el.getAttribute("data-facts").split(" ")[0];
    if (id) show(id, el);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var el = document.activeElement;
    if (el && el.hasAttribute && el.hasAttribute("data-facts")) show(el.getAttribute("data-facts").split(" ")[0], el);
  });
})();
