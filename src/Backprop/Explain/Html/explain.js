// The step-through of an explained training step. Every number shown comes from the embedded data; this script
// only chooses what to show and which elements of the drawing to highlight.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("explain-data").textContent);
  const $ = (id) => document.getElementById(id);
  const edges = Array.from(document.querySelectorAll("#network .edge"));
  const units = Array.from(document.querySelectorAll("#network .unit"));
  const state = { step: data.steps.length - 1, equation: 0, mode: "weight" };
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.has("step")) state.step = clamp(parseInt(params.get("step"), 10) - 1, 0, data.steps.length - 1);
  if (params.has("eq")) state.equation = parseInt(params.get("eq"), 10) - 1 || 0;
  if (params.has("mode")) state.mode = params.get("mode");

  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, isNaN(v) ? lo : v)); }
  function current() { return data.steps[state.step]; }

  function paintEdges() {
    const styles = current().edges[state.mode] || current().edges.weight;
    edges.forEach((g) => {
      const s = styles[parseInt(g.dataset.index, 10)];
      const line = g.querySelector("line");
      line.style.stroke = s.colour;
      line.style.strokeWidth = s.width;
      g.querySelector(".edge-label").textContent = s.label;
    });
    units.forEach((g) => {
      const label = g.querySelector(".unit-value");
      if (label) label.textContent = current().units[g.dataset.name] || "";
    });
  }

  function highlight(equation) {
    [...edges, ...units].forEach((g) => g.classList.remove("active", "touched"));
    equation.touches.forEach((name) => document.querySelectorAll(`#network [data-name="${CSS.escape(name)}"]`).forEach((g) => g.classList.add("touched")));
    if (equation.primary)
      document.querySelectorAll(`#network [data-name="${CSS.escape(equation.primary)}"]`).forEach((g) => { g.classList.remove("touched"); g.classList.add("active"); });
  }

  function noteClass(e) { return e.agrees === null || e.agrees === undefined ? "" : e.agrees ? "agrees" : "differs"; }

  function render() {
    const step = current();
    state.equation = clamp(state.equation, 0, step.equations.length - 1);
    const e = step.equations[state.equation];
    $("section-title").textContent = e.section;
    const remarks = step.equations.filter((q, k) => k <= state.equation && q.section === e.section).flatMap((q) => q.remarks);
    $("remarks").replaceChildren(...remarks.map((r) => Object.assign(document.createElement("li"), { textContent: r })));
    $("equation").innerHTML = e.math;
    $("equation").dataset.key = e.key;
    $("note").textContent = e.note || "";
    $("note").className = noteClass(e);
    $("errata").replaceChildren(...(e.errata || []).map((t) => Object.assign(document.createElement("li"), { textContent: t, className: "differs" })));
    $("position").textContent = `${state.equation + 1} / ${step.equations.length}`;
    const slider = $("slider");
    slider.max = step.equations.length - 1;
    slider.value = state.equation;
    const worked = step.equations.slice(0, state.equation + 1).map((q, k) => {
      const li = document.createElement("li");
      li.innerHTML = q.math;
      li.dataset.key = q.key;
      if (k === state.equation) li.className = "current";
      if (q.note) li.append(" ", Object.assign(document.createElement("span"), { textContent: q.note, className: noteClass(q) }));
      (q.errata || []).forEach((t) => li.append(" ", Object.assign(document.createElement("span"), { textContent: t, className: "differs erratum" })));
      return li;
    });
    $("worked").replaceChildren(...worked);
    worked[worked.length - 1].scrollIntoView({ block: "nearest" });
    $("summary").textContent = state.equation === step.equations.length - 1 ? step.summary : "";
    if (data.chart) {
      const p = data.chart.points[state.step];
      $("error-marker").setAttribute("cx", p.x);
      $("error-marker").setAttribute("cy", p.y);
      $("step-position").textContent = p.label;
    }
    paintEdges();
    highlight(e);
    history.replaceState(null, "", `#step=${state.step + 1}&eq=${state.equation + 1}&mode=${state.mode}`);
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
