// The playground page: the setup lives in the address (shareable; `hide=` hides controls), the server trains and
// streams what to draw as server-sent events, and this script draws it. Every request carries the launch's token from
// the page's address (?token=…), and the open event stream tells the server the page is still there.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const api = location.pathname.replace(/\/$/, "") + "/api/sessions";
  const q = "?token=" + encodeURIComponent(new URLSearchParams(location.search).get("token") || "");
  let session = null, points = null, events = null, last = null;

  function setupFromPage() {
    return {
      dataSet: $("dataset").value,
      features: Array.from(document.querySelectorAll("input[name=feature]:checked")).map((c) => c.value),
      layers: $("layers").value.split(",").map((s) => s.trim()).filter((s) => s.length > 0).map(Number),
      activation: $("activation").value,
      learningRate: Number($("lr").value),
      batchSize: Number($("batch").value),
      l2: Number($("l2").value),
      noise: Number($("noise").value),
      trainFraction: Number($("train").value) / 100,
      seed: Number(new URLSearchParams(location.hash.slice(1)).get("seed") || 1),
    };
  }

  function pageFromHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    const set = (id, key) => { if (p.has(key)) $(id).value = p.get(key); };
    set("dataset", "dataset"); set("layers", "layers"); set("activation", "activation"); set("lr", "lr");
    set("batch", "batch"); set("l2", "l2"); set("noise", "noise");
    if (p.has("train")) $("train").value = Math.round(Number(p.get("train")) * 100);
    if (p.has("features")) {
      const chosen = p.get("features").split(",");
      document.querySelectorAll("input[name=feature]").forEach((c) => { c.checked = chosen.includes(c.value); });
    }
    (p.get("hide") || "").split(",").filter((s) => s).forEach((name) =>
      document.querySelectorAll(`[data-control="${CSS.escape(name)}"]`).forEach((e) => e.setAttribute("data-hidden", "")));
    $("noise-value").textContent = $("noise").value;
    $("train-value").textContent = $("train").value;
    $("upload-label").hidden = $("dataset").value !== "upload";
  }

  function hashFromSetup(s) {
    const p = new URLSearchParams(location.hash.slice(1));
    p.set("dataset", s.dataSet); p.set("features", s.features.join(",")); p.set("layers", s.layers.join(","));
    p.set("activation", s.activation); p.set("lr", String(s.learningRate)); p.set("batch", String(s.batchSize));
    p.set("l2", String(s.l2)); p.set("noise", String(s.noise)); p.set("train", String(s.trainFraction)); p.set("seed", String(s.seed));
    history.replaceState(null, "", "#" + p.toString());
  }

  async function start() {
    const setup = setupFromPage();
    hashFromSetup(setup);
    $("message").textContent = "";
    let response;
    if (setup.dataSet === "upload") {
      const file = $("upload").files[0];
      if (!file) { $("message").textContent = "choose a CSV file: two numeric columns and a label"; return; }
      if (file.size > 1024 * 1024) { $("message").textContent = "the upload is over 1024 KiB"; return; }
      let csv;
      try { csv = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()); }
      catch (e) { $("message").textContent = `${file.name} is not UTF-8 text: upload a CSV file`; return; }
      response = await post(api + "/upload" + q, { csv: csv, fileName: file.name, setup: setup });
    } else {
      response = await post(api + q, setup);
    }
    if (!response.ok) { $("message").textContent = await problem(response); return; }
    const body = await response.json();
    session = body.id; points = body; last = null;
    if (events) events.close();
    events = new EventSource(`${api}/${session}/events${q}`);
    events.onmessage = (e) => { last = JSON.parse(e.data); draw(); };
    // A shared link with play=1 starts training at once (for a class, say).
    if (new URLSearchParams(location.hash.slice(1)).get("play") === "1") control("play");
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
    $("message").textContent = r.ok ? "" : await problem(r);
  }

  // Class 1 blue, class 0 orange, as TensorFlow Playground; a regression's value from −1 (orange) to 1 (blue).
  function output(v) { return points.regression ? (v + 1) / 2 : v; }
  function hidden(v) { return (Math.tanh(v) + 1) / 2; }

  function colour(share, alpha) {
    const t = Math.max(0, Math.min(1, share));
    const o = [245, 147, 34], b = [8, 119, 189], w = [232, 234, 235];
    const mix = (a, c, f) => a.map((x, i) => Math.round(x + (c[i] - x) * f));
    const rgb = t < 0.5 ? mix(o, w, t * 2) : mix(w, b, (t - 0.5) * 2);
    return `rgba(${rgb[0]},${rgb[1]},${rgb[2]},${alpha})`;
  }

  function paintGrid(canvas, values, size, share) {
    const g = canvas.getContext("2d"), cell = canvas.width / size;
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++) { g.fillStyle = colour(share(values[r * size + c]), 1); g.fillRect(c * cell, r * cell, cell + 1, cell + 1); }
  }

  function toCanvas(x, y, canvas) {
    const e = 6;
    return [(x + e) / (2 * e) * canvas.width, (e - y) / (2 * e) * canvas.height];
  }

  function drawHeatmap() {
    const canvas = $("heatmap"), g = canvas.getContext("2d");
    paintGrid(canvas, last.heatmap, 40, output);
    for (let k = 0; k < points.x.length; k++) {
      const [px, py] = toCanvas(points.x[k], points.y[k], canvas);
      g.beginPath(); g.arc(px, py, 4, 0, 2 * Math.PI);
      const ink = colour(output(points.label[k]), 1);
      g.fillStyle = ink; g.strokeStyle = "#fff"; g.lineWidth = 1.2;
      if (k < points.train) { g.fill(); g.stroke(); } else { g.strokeStyle = ink; g.lineWidth = 2; g.stroke(); }
    }
    canvas.dataset.drawn = "yes";
  }

  function drawLosses() {
    const canvas = $("losses"), g = canvas.getContext("2d"), h = last.history;
    g.clearRect(0, 0, canvas.width, canvas.height);
    const top = Math.max(...h.map((e) => Math.max(e[1], e[2])), 1e-9), end = Math.max(h[h.length - 1][0], 1);
    [[1, "#5f6368"], [2, "#202124"]].forEach(([k, ink]) => {
      g.beginPath(); g.strokeStyle = ink; g.lineWidth = k === 2 ? 2 : 1;
      h.forEach((e, i) => { const x = e[0] / end * (canvas.width - 4) + 2, y = canvas.height - 4 - e[k] / top * (canvas.height - 8); i ? g.lineTo(x, y) : g.moveTo(x, y); });
      g.stroke();
    });
  }

  function drawNetwork() {
    const svg = $("network"), layers = points.layers, width = svg.clientWidth || 700, height = 460, box = 40;
    const gap = (width - 2 * box - 60) / (layers.length - 1);
    const at = (l, j) => [box / 2 + 56 + l * gap, height / 2 + (j - (layers[l] - 1) / 2) * 54];
    const largest = Math.max(...last.weights.map((w) => Math.abs(w[3])), 1e-9);
    let html = "";
    for (const [l, i, j, w] of last.weights) {
      const [x1, y1] = at(l, i), [x2, y2] = at(l + 1, j);
      html += `<path class="edge" d="M${x1 + box / 2},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2 - box / 2},${y2}" stroke="${w >= 0 ? "#0877bd" : "#f59322"}" stroke-width="${(0.5 + 5 * Math.abs(w) / largest).toFixed(2)}" data-weight="${w}"><title>w = ${w}</title></path>`;
    }
    points.features.forEach((f, j) => {
      const [x, y] = at(0, j);
      html += `<text x="${x - box / 2 - 4}" y="${y + 4}" text-anchor="end" font-size="12">${f}</text><rect x="${x - box / 2}" y="${y - box / 2}" width="${box}" height="${box}" fill="#f1f3f4" stroke="#9aa0a6"/><text x="${x}" y="${y + 4}" text-anchor="middle" font-size="11">i${j + 1}</text>`;
    });
    for (const u of last.units) {
      const [x, y] = at(u.layer, u.unit);
      html += `<foreignObject x="${x - box / 2}" y="${y - box / 2}" width="${box}" height="${box}"><canvas xmlns="http://www.w3.org/1999/xhtml" class="thumbnail" data-layer="${u.layer}" data-unit="${u.unit}" width="16" height="16" style="width:${box}px;height:${box}px;border:1px solid #5f6368"></canvas></foreignObject>`;
    }
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.innerHTML = html;
    svg.querySelectorAll("canvas.thumbnail").forEach((c) => {
      const u = last.units.find((v) => v.layer === Number(c.dataset.layer) && v.unit === Number(c.dataset.unit));
      paintGrid(c, u.values, 16, u.layer < layers.length - 1 ? hidden : output);
      c.dataset.drawn = "yes";
    });
  }

  function draw() {
    if (!last || !points) return;
    $("epoch").textContent = `epoch ${last.epoch}`;
    $("train-loss").textContent = last.trainLoss.toFixed(4);
    $("test-loss").textContent = last.testLoss.toFixed(4);
    $("play").textContent = last.playing ? "⏸ pause" : "▶ play";
    drawHeatmap(); drawLosses(); drawNetwork();
  }

  $("play").addEventListener("click", () => control(last && last.playing ? "pause" : "play"));
  $("step").addEventListener("click", () => control("step"));
  $("reset").addEventListener("click", () => control("reset"));
  ["dataset", "activation", "lr", "l2", "noise", "train", "layers", "batch", "upload"].forEach((id) =>
    $(id).addEventListener("change", () => { $("upload-label").hidden = $("dataset").value !== "upload"; $("noise-value").textContent = $("noise").value; $("train-value").textContent = $("train").value; start(); }));
  document.querySelectorAll("input[name=feature]").forEach((c) => c.addEventListener("change", start));
  $("heatmap").addEventListener("click", (ev) => {
    if (!last || last.playing) { $("message").textContent = "pause first, then click a point"; return; }
    const canvas = $("heatmap"), rect = canvas.getBoundingClientRect();
    const cx = (ev.clientX - rect.left) * canvas.width / rect.width, cy = (ev.clientY - rect.top) * canvas.height / rect.height;
    let best = -1, distance = 100;
    for (let k = 0; k < points.x.length; k++) {
      const [px, py] = toCanvas(points.x[k], points.y[k], canvas), d = (px - cx) ** 2 + (py - cy) ** 2;
      if (d < distance) { distance = d; best = k; }
    }
    if (best >= 0) window.open(`${api}/${session}/explain/${best}${q}`, "_blank");
  });
  window.playground = { state: () => last, setup: setupFromPage, points: () => points };
  pageFromHash();
  start();
})();
