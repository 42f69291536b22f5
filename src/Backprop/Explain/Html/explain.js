// The step-through of an explained training step. Every number shown comes from the embedded data; this script
// only chooses what to show and which elements of the drawing to highlight.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("explain-data").textContent);
  const $ = (id) => document.getElementById(id);
  const edges = Array.from(document.querySelectorAll("#network .edge"));
  const units = Array.from(document.querySelectorAll("#network .unit"));
  const labels = Array.from(document.querySelectorAll("#network .label"));
  const layout = window.explainLayout;
  const state = { step: 0, equation: 0, mode: "weight" };
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.has("step")) state.step = clamp(parseInt(params.get("step"), 10) - 1, 0, data.steps.length - 1);
  if (params.has("eq")) state.equation = parseInt(params.get("eq"), 10) - 1 || 0;
  if (params.has("mode")) state.mode = params.get("mode");

  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, isNaN(v) ? lo : v)); }
  function current() { return data.steps[state.step]; }

  // A label with the tutorial's own name after the drawing's: "w1 (w11) = 0.2".
  function named(label, name) {
    const own = current().drawing.names[name];
    if (!own) return label;
    const space = label.indexOf(" ");
    return space < 0 ? `${label} (${own})` : `${label.slice(0, space)} (${own})${label.slice(space)}`;
  }

  // The edges in the chosen colouring (a weight whose update has been worked shows its new value), and the units with the
  // current equation's sample: its inputs, targets and unit outputs (after the update: the outputs it gives).
  function paintDrawing() {
    const step = current(), drawing = step.drawing;
    const styles = step.edges[state.mode] || step.edges.weight;
    edges.forEach((g) => {
      const k = parseInt(g.dataset.index, 10), at = drawing.updateAt[k];
      const s = state.mode === "weight" && at >= 0 && state.equation >= at ? step.edges.after[k] : styles[k];
      const line = g.querySelector("line");
      line.style.stroke = s.colour;
      line.style.strokeWidth = s.width;
      document.querySelector(`#network .label[data-index="${k}"] .edge-label`).textContent = named(s.label, g.dataset.name);
    });
    const sample = step.equations[state.equation].sample || 1;
    const values = drawing.samples[Math.min(sample, drawing.samples.length) - 1];
    const after = drawing.afterAt >= 0 && state.equation >= drawing.afterAt;
    units.forEach((g) => {
      const name = g.dataset.name, set = (cls, text) => { const t = g.querySelector(cls); if (t) t.textContent = text || ""; };
      set(".unit-value", after && drawing.after[name] ? drawing.after[name] : values.values[name]);
      set(".target", values.targets[name]);
      set(".doc-name", drawing.names[name]);
    });
    $("sample-caption").textContent = drawing.sampleCount > 1
      ? `Drawn: sample ${sample} of ${drawing.sampleCount} (its inputs, targets and unit outputs)${after ? "; outputs after the update" : ""}`
      : after ? "Drawn: the outputs after the update" : "";
    layout.placeEdgeLabels(document.getElementById("network"));
  }

  // A remark made in several sections (the same fixed bias in every layer) is said once, above the step-through.
  const remarkCount = new Map();
  data.steps[0].equations.forEach((q) => q.remarks.forEach((r) => remarkCount.set(r, (remarkCount.get(r) || 0) + 1)));
  const shared = [...remarkCount.keys()].filter((r) => remarkCount.get(r) > 1);
  $("notes").replaceChildren(...shared.map((r) => Object.assign(document.createElement("li"), { textContent: r })));

  function highlight(equation) {
    [...edges, ...units, ...labels].forEach((g) => g.classList.remove("active", "touched"));
    equation.touches.forEach((name) => document.querySelectorAll(`#network [data-name="${CSS.escape(name)}"]`).forEach((g) => g.classList.add("touched")));
    if (equation.primary)
      document.querySelectorAll(`#network [data-name="${CSS.escape(equation.primary)}"]`).forEach((g) => { g.classList.remove("touched"); g.classList.add("active"); });
  }

  let addressTimer = 0;
  const workedItems = new Map(); // each worked line is built once per training step and reused

  function noteClass(e) { return e.agrees === null || e.agrees === undefined ? "" : e.agrees ? "agrees" : "differs"; }

  function render() {
    const step = current();
    state.equation = clamp(state.equation, 0, step.equations.length - 1);
    const e = step.equations[state.equation];
    $("section-title").textContent = e.section;
    const remarks = step.equations.filter((q, k) => k <= state.equation && q.section === e.section).flatMap((q) => q.remarks)
      .filter((r) => !shared.includes(r));
    $("remarks").replaceChildren(...remarks.map((r) => Object.assign(document.createElement("li"), { textContent: r })));
    $("equation").replaceChildren(layout.stacked(e.pieces));
    $("equation").dataset.key = e.key;
    $("note").textContent = e.note || "";
    $("note").className = noteClass(e);
    $("errata").replaceChildren(...(e.errata || []).map((t) => Object.assign(document.createElement("li"), { textContent: t, className: "differs" })));
    $("position").textContent = `${state.equation + 1} / ${step.equations.length}`;
    const slider = $("slider");
    slider.max = step.equations.length - 1;
    slider.value = state.equation;
    const worked = step.equations.slice(0, state.equation + 1).map((q, k) => {
      const id = `${state.step}:${k}`;
      let li = workedItems.get(id);
      if (!li) {
        li = document.createElement("li");
        li.append(layout.flowing(q.pieces));
        li.dataset.key = q.key;
        if (q.note) li.append(" ", Object.assign(document.createElement("span"), { textContent: q.note, className: noteClass(q) }));
        (q.errata || []).forEach((t) => li.append(" ", Object.assign(document.createElement("span"), { textContent: t, className: "differs erratum" })));
        workedItems.set(id, li);
      }
      li.className = k === state.equation ? "current" : "";
      return li;
    });
    // Only the lines that change are added or removed (stepping on adds one), so a long step stays quick.
    const list = $("worked"), shown = list.children;
    let same = 0;
    while (same < shown.length && same < worked.length && shown[same] === worked[same]) same++;
    while (shown.length > same) list.lastChild.remove();
    list.append(...worked.slice(same));
    // Only the list scrolls to its newest line; the page stays where the reader left it.
    const last = worked[worked.length - 1];
    if (last.offsetTop + last.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = last.offsetTop + last.offsetHeight - list.clientHeight;
    else if (last.offsetTop < list.scrollTop) list.scrollTop = last.offsetTop;
    $("summary").textContent = state.equation === step.equations.length - 1 ? step.summary : "";
    if (data.chart) {
      const p = data.chart.points[state.step];
      $("error-marker").setAttribute("cx", p.x);
      $("error-marker").setAttribute("cy", p.y);
      $("step-position").textContent = p.label;
    }
    highlight(e);
    paintDrawing();
    // The address keeps the place (to share or reload), written once the reader pauses: browsers throttle rapid updates.
    clearTimeout(addressTimer);
    addressTimer = setTimeout(() => history.replaceState(null, "", `#step=${state.step + 1}&eq=${state.equation + 1}&mode=${state.mode}`), 200);
  }

  function go(equation) { state.equation = equation; render(); }
  function goStep(step) { state.step = clamp(step, 0, data.steps.length - 1); render(); }

  $("previous").addEventListener("click", () => go(state.equation - 1));
  $("next").addEventListener("click", () => go(state.equation + 1));
  $("slider").addEventListener("input", (ev) => go(parseInt(ev.target.value, 10)));
  $("mode").value = state.mode;
  $("mode").addEventListener("change", (ev) => { state.mode = ev.target.value; render(); });
  if (data.chart) {
    $("previous-step").addEventListener("click", () => goStep(state.step - 1));
    $("next-step").addEventListener("click", () => goStep(state.step + 1));
  }
  document.addEventListener("keydown", (ev) => {
    if (ev.target instanceof HTMLSelectElement || ev.target instanceof HTMLInputElement && ev.target.type !== "range") return;
    const keys = { ArrowRight: () => go(state.equation + 1), ArrowLeft: () => go(state.equation - 1), Home: () => go(0),
      End: () => go(current().equations.length - 1), PageDown: () => goStep(state.step + 1), PageUp: () => goStep(state.step - 1) };
    if (keys[ev.key]) { ev.preventDefault(); keys[ev.key](); }
  });
  window.explainPage = { state, data, go, goStep };
  render();
})();
