// The playground page: the setup lives in the address (shareable; `hide=` hides controls), the server trains and
// streams what to draw as server-sent events, and this script draws it (pictures: draw.js). Every request carries the
// launch's token from the page's address (?token=…), and the open event stream tells the server the page is still there.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const D = window.PlaygroundDraw;
  const api = location.pathname.replace(/\/$/, "") + "/api/sessions";
  const q = "?token=" + encodeURIComponent(new URLSearchParams(location.search).get("token") || "");
  // The features as the checkboxes and the drawing both name them.
  const names = { x: "x", y: "y", x2: "x²", y2: "y²", xy: "x·y", sinx: "sin x", siny: "sin y" };
  let session = null, points = null, events = null, last = null, hover = null;
  const message = (text) => { $("message").textContent = text; };
  const hash = () => new URLSearchParams(location.hash.slice(1));

  // The hidden layers typed in the field, or a sentence saying what is wrong with them.
  function parseLayers() {
    const parts = $("layers").value.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
    const bad = parts.find((s) => !/^[0-9]+$/.test(s));
    if (bad !== undefined)
      return { error: `hidden layers: '${bad}' is not a whole number; write the units of each hidden layer with commas between, such as 4,2` };
    return { layers: parts.map(Number) };
  }

  function batchSize() {
    const text = $("batch").value.trim();
    return /^[0-9]+$/.test(text) ? Number(text) : null;
  }

  function setupFromPage() {
    const p = hash();
    const setup = {
      dataSet: $("dataset").value,
      features: Array.from(document.querySelectorAll("input[name=feature]:checked")).map((c) => c.value),
      layers: parseLayers().layers || [],
      activation: $("activation").value,
      learningRate: Number($("lr").value),
      batchSize: batchSize() || 0,
      l2: Number($("l2").value),
      l1: Number($("l1").value),
      noise: Number($("noise").value),
      trainFraction: Number($("train").value) / 100,
      seed: Number(p.get("seed") || 1),
    };
    if (p.has("dataseed")) setup.dataSeed = Number(p.get("dataseed"));
    return setup;
  }

  function pageFromHash() {
    const p = hash();
    const set = (id, key) => { if (p.has(key)) $(id).value = p.get(key); };
    set("dataset", "dataset"); set("layers", "layers"); set("activation", "activation"); set("lr", "lr");
    set("batch", "batch"); set("l2", "l2"); set("l1", "l1"); set("noise", "noise"); set("speed", "speed");
    if (p.has("train")) $("train").value = Math.round(Number(p.get("train")) * 100);
    if (p.has("features")) {
      const chosen = p.get("features").split(",");
      document.querySelectorAll("input[name=feature]").forEach((c) => { c.checked = chosen.includes(c.value); });
    }
    if (p.has("test")) $("show-test").checked = p.get("test") !== "0";
    if (p.has("discretize")) $("discretize").checked = p.get("discretize") === "1";
    (p.get("hide") || "").split(",").filter((s) => s).forEach((name) =>
      document.querySelectorAll(`[data-control="${CSS.escape(name)}"]`).forEach((e) => e.setAttribute("data-hidden", "")));
    const problem = p.get("problem") || $("dataset").selectedOptions[0].dataset.problem || "classification";
    $("problem").value = problem;
    showDataSets();
    refreshLabels();
  }

  function refreshLabels() {
    $("noise-value").textContent = $("noise").value;
    $("train-value").textContent = $("train").value;
    $("upload-label").hidden = $("dataset").value !== "upload";
  }

  // Only the data sets of the chosen problem (and an upload) are offered.
  function showDataSets() {
    const problem = $("problem").value;
    Array.from($("dataset").options).forEach((o) => { o.hidden = o.dataset.problem !== undefined && o.dataset.problem !== problem; });
  }

  function hashFromPage() {
    const s = setupFromPage(), p = hash();
    p.set("problem", $("problem").value); p.set("dataset", s.dataSet); p.set("features", s.features.join(","));
    p.set("layers", $("layers").value); p.set("activation", s.activation); p.set("lr", String(s.learningRate));
    p.set("batch", $("batch").value); p.set("l2", String(s.l2)); p.set("l1", String(s.l1));
    p.set("noise", String(s.noise)); p.set("train", String(s.trainFraction));
    p.set("seed", String(s.seed)); p.set("speed", $("speed").value);
    p.set("test", $("show-test").checked ? "1" : "0"); p.set("discretize", $("discretize").checked ? "1" : "0");
    history.replaceState(null, "", "#" + p.toString());
  }

  async function start() {
    refreshLabels();
    hashFromPage();
    message("");
    const layers = parseLayers();
    if (layers.error) { message(layers.error); return; }
    if (batchSize() === null) { message("batch size must be a whole number from 1 to 500"); return; }
    const setup = setupFromPage();
    let response;
    if (setup.dataSet === "upload") {
      const file = $("upload").files[0];
      if (!file) { message("choose a CSV file: two numeric columns and a label"); return; }
      if (file.size > 1024 * 1024) { message("the upload is over 1024 KiB"); return; }
      let csv;
      try { csv = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()); }
      catch (e) { message(`${file.name} is not UTF-8 text: upload a CSV file`); return; }
      response = await post(api + "/upload" + q, { csv: csv, fileName: file.name, setup: setup });
    } else {
      response = await post(api + q, setup);
    }
    if (!response.ok) { message(await problem(response)); return; }
    const body = await response.json();
    session = body.id; points = body; last = null; hover = null;
    $("edge-editor").hidden = true;
    if (events) events.close();
    await settings({ epochsPerFrame: Number($("speed").value) });
    events = new EventSource(`${api}/${session}/events${q}`);
    events.onmessage = (e) => { last = JSON.parse(e.data); draw(); };
    // A shared link with play=1 starts training at once (for a class, say).
    if (hash().get("play") === "1") control("play");
  }

  function post(url, json) {
    return fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(json) });
  }

  // The server's one line: {"error": …} from the API, plain text from the guard.
  async function problem(response) {
    const text = await response.text();
    try { return JSON.parse(text).error || text; } catch (e) { return text.trim() || `HTTP ${response.status}`; }
  }

  async function control(action) {
    if (!session) return;
    const r = await fetch(`${api}/${session}/${action}${q}`, { method: "POST" });
    message(r.ok ? "" : await problem(r));
  }

  // Learning rate, L2, L1, batch size and speed change the run as it goes: no new weights, no new epoch count.
  async function settings(change) {
    if (!session) return;
    const r = await post(`${api}/${session}/settings${q}`, change);
    message(r.ok ? "" : await problem(r));
  }

  // Output values as a share of the colour scale: class 1 blue, class 0 orange; a regression's −1 orange to 1 blue.
  const output = (v) => points.regression ? (v + 1) / 2 : v;
  const hidden = (v) => (Math.tanh(v) + 1) / 2;
  const discrete = (share) => $("discretize").checked ? (share < 0.5 ? 0 : 1) : share;

  function toCanvas(x, y, canvas) {
    const e = 6;
    return [(x + e) / (2 * e) * canvas.width, (e - y) / (2 * e) * canvas.height];
  }

  function drawHeatmap() {
    const canvas = $("heatmap"), g = canvas.getContext("2d");
    const unit = hover && last.units.find((u) => u.layer === hover.layer && u.unit === hover.unit);
    const outputLayer = points.layers.length - 1;
    if (unit) {
      const share = unit.layer < outputLayer ? hidden : output;
      D.paintGrid(canvas, unit.values, last.thumbnailSize, (v) => discrete(share(v)), true, $("discretize").checked);
      $("showing").textContent = unit.layer < outputLayer ? `hidden layer ${unit.layer}, unit ${unit.unit + 1}` : "the output unit";
    } else {
      D.paintGrid(canvas, last.heatmap, last.heatmapSize, (v) => discrete(output(v)), true, $("discretize").checked);
      $("showing").textContent = "";
    }
    const showTest = $("show-test").checked;
    for (let k = 0; k < points.x.length; k++) {
      if (k >= points.train && !showTest) continue;
      const [px, py] = toCanvas(points.x[k], points.y[k], canvas);
      D.point(g, px, py, output(points.label[k]), k < points.train);
    }
    canvas.dataset.drawn = "yes";
    canvas.dataset.showing = unit ? `${unit.layer},${unit.unit}` : "output";
  }

  function draw() {
    if (!last || !points) return;
    $("epoch").textContent = `epoch ${last.epoch}`;
    $("train-loss").textContent = last.trainLoss.toFixed(4);
    $("test-loss").textContent = last.testLoss.toFixed(4);
    $("play").dataset.playing = last.playing ? "yes" : "no";
    $("play").querySelector(".label").textContent = last.playing ? "pause" : "play";
    D.colourLegend($("colour-legend"), points.regression, $("discretize").checked);
    $("loss-name").textContent = points.regression
      ? "loss: squared error, the mean over the points of ½(t − y)², t the label, y the output"
      : "loss: cross-entropy, the mean over the points of −[t·ln y + (1 − t)·ln(1 − y)], t the label (0 or 1), y the output";
    drawHeatmap(); D.lossChart($("loss-chart"), last.history); network.draw();
  }

  $("play").addEventListener("click", () => control(last && last.playing ? "pause" : "play"));
  $("step").addEventListener("click", () => control("step"));
  $("reset").addEventListener("click", () => control("reset"));
  $("regenerate").addEventListener("click", () => {
    const p = hash();
    p.set("dataseed", String(Number(p.get("dataseed") || p.get("seed") || 1) + 1));
    history.replaceState(null, "", "#" + p.toString());
    start();
  });
  $("problem").addEventListener("change", () => {
    showDataSets();
    const first = Array.from($("dataset").options).find((o) => o.dataset.problem === $("problem").value);
    $("dataset").value = first.value;
    start();
  });
  $("dataset").addEventListener("change", () => {
    const problem = $("dataset").selectedOptions[0].dataset.problem;
    if (problem) { $("problem").value = problem; showDataSets(); }
    start();
  });
  ["activation", "noise", "train", "layers", "upload"].forEach((id) => $(id).addEventListener("change", start));
  ["noise", "train"].forEach((id) => $(id).addEventListener("input", refreshLabels));
  document.querySelectorAll("input[name=feature]").forEach((c) => c.addEventListener("change", start));
  $("lr").addEventListener("change", () => { hashFromPage(); settings({ learningRate: Number($("lr").value) }); });
  $("l2").addEventListener("change", () => { hashFromPage(); settings({ l2: Number($("l2").value) }); });
  $("l1").addEventListener("change", () => { hashFromPage(); settings({ l1: Number($("l1").value) }); });
  $("speed").addEventListener("change", () => { hashFromPage(); settings({ epochsPerFrame: Number($("speed").value) }); });
  $("batch").addEventListener("change", () => {
    hashFromPage();
    const b = batchSize();
    if (b === null) { message("batch size must be a whole number from 1 to 500"); return; }
    settings({ batchSize: b });
  });
  ["show-test", "discretize"].forEach((id) => $(id).addEventListener("change", () => { hashFromPage(); draw(); }));

  $("heatmap").addEventListener("click", (ev) => {
    if (!last || last.playing) { message("pause first, then click a point"); return; }
    const canvas = $("heatmap"), rect = canvas.getBoundingClientRect();
    const cx = (ev.clientX - rect.left) * canvas.width / rect.width, cy = (ev.clientY - rect.top) * canvas.height / rect.height;
    let best = -1, distance = 100;
    for (let k = 0; k < points.x.length; k++) {
      if (k >= points.train && !$("show-test").checked) continue;
      const [px, py] = toCanvas(points.x[k], points.y[k], canvas), d = (px - cx) ** 2 + (py - cy) ** 2;
      if (d < distance) { distance = d; best = k; }
    }
    if (best >= 0) window.open(`${api}/${session}/explain/${best}${q}`, "_blank");
  });
  const network = window.PlaygroundNetwork({
    names, api, q, post, problem, message, start, parseLayers, discrete, hidden, output,
    points: () => points, last: () => last, session: () => session, hover: (unit) => { hover = unit; draw(); },
  });
  window.playground = { state: () => last, setup: setupFromPage, points: () => points };
  D.heatmapAxes($("heatmap-axes"), $("heatmap").width);
  pageFromHash();
  start();
})();
