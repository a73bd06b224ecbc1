// The report's form: built from the data, read back from the fields, saved in the
// browser as the user types, checked by the library (POST /api/validate) with each
// problem shown beside its field. A field's value is never rewritten while the user
// types in it (Vietnamese input methods such as Unikey's Telex compose in place):
// the form is rebuilt only on a click that adds or removes a part.
"use strict";

const DRAFT_KEY = "baocao-ban-nhap";

const AREAS = [
  ["leadership", "1. Lãnh đạo, chỉ đạo, kiểm tra, giám sát của cấp ủy, chính quyền"],
  ["communication", "2. Tuyên truyền, giáo dục và vận động"],
  ["legislation", "3. Rà soát, hoàn thiện pháp luật, chính sách về trẻ em"],
  ["programmes", "4. Chương trình, đề án, kế hoạch về trẻ em"],
  ["coordination", "5. Phối hợp liên ngành; quyền trẻ em trong thiên tai, dịch bệnh, Covid-19"],
  ["resources", "6. Ưu tiên bố trí nguồn lực"],
  ["international", "7. Hợp tác quốc tế"],
  ["participation", "8. Sự tham gia của Mặt trận, đoàn thể, nhà trường, gia đình, cộng đồng"],
];
const PARTS = [
  ["shortcomings.limitations", "3.1. Hạn chế, tồn tại"],
  ["shortcomings.objective_causes", "3.2. Nguyên nhân khách quan"],
  ["shortcomings.subjective_causes", "3.3. Nguyên nhân chủ quan"],
  ["shortcomings.lessons", "3.4. Bài học kinh nghiệm"],
  ["outlook.difficulties", "4.1. Khó khăn, thách thức"],
  ["outlook.directions", "4.2. Phương hướng, nhiệm vụ, giải pháp"],
  ["outlook.recommendations", "4.3. Kiến nghị, đề xuất"],
];
const BLOCK_KINDS = {
  paragraph: "Đoạn văn",
  list: "Gạch đầu dòng (mỗi dòng một ý)",
  numbered: "Các nhiệm vụ 1., 2. (mỗi dòng một mục)",
  points: "Các ý a), b) (dòng “a) Tên ý”, rồi nội dung)",
  table: "Bảng (mỗi dòng một hàng, các ô cách nhau bằng |; dòng đầu là tiêu đề)",
};

// ---- the data ---------------------------------------------------------------

function emptyPart() { return { paragraphs: [], subsections: [] }; }

function emptyReport() {
  const results = { paragraphs: [] };
  for (const [key] of AREAS) results[key] = emptyPart();
  results.coordination.disasters_epidemics = emptyPart();
  return {
    frame: {
      issuer: { superior: "", organ: "", organ_code: "", standing_committee: "", province: "" },
      number: "", place: "", date: "",
      signature: { authority: "T/M", on_behalf_of: "BAN THƯỜNG VỤ", position: "", name: "" },
      recipients: [], references: [], draft: "", urgency: "",
    },
    purpose: emptyPart(),
    dissemination: emptyPart(),
    results,
    shortcomings: { limitations: emptyPart(), objective_causes: emptyPart(), subjective_causes: emptyPart(), lessons: emptyPart() },
    outlook: { difficulties: emptyPart(), directions: emptyPart(), recommendations: emptyPart() },
    statistics: [],
  };
}

function get(obj, path) {
  return path.split(".").reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

// A block of the input ("text", {list}, {numbered}, {points}, {table}) as the form edits it.
function blockToForm(b) {
  if (typeof b === "string") return { kind: "paragraph", text: b };
  if (b.list) return { kind: "list", text: b.list.join("\n") };
  if (b.numbered) return { kind: "numbered", text: b.numbered.join("\n") };
  if (b.points) {
    const letters = "abcdđeghiklmnopqrstuvxy";
    return { kind: "points", text: b.points.map((p, i) => [`${letters[i] || "a"}) ${p.heading}`, ...(p.paragraphs || []).map(flatText)].join("\n")).join("\n\n") };
  }
  if (b.table) {
    const t = b.table;
    const rows = [t.header, ...t.rows].map((r) => r.map((c) => (c == null ? "-" : String(c))).join(" | "));
    const decimals = (t.decimals || []).map((d) => (d == null ? "-" : String(d))).join(", ");
    return { kind: "table", text: rows.join("\n"), caption: t.caption || "", unit: t.unit || "", source: t.source || "", decimals };
  }
  return { kind: "paragraph", text: flatText(b) };
}

function flatText(b) {
  if (typeof b === "string") return b;
  if (b.list) return b.list.map((x) => "- " + x).join("\n");
  if (b.numbered) return b.numbered.map((x, i) => `${i + 1}. ${x}`).join("\n");
  return JSON.stringify(b);
}

function lines(text) { return text.split("\n").map((l) => l.trim()).filter((l) => l !== ""); }

function cell(text) {
  const t = text.trim();
  if (t === "" || t === "-") return "-";
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (/^-?\d{1,3}(\.\d{3})*(,\d+)?$/.test(t) || /^-?\d+,\d+$/.test(t)) return Number(t.replace(/\./g, "").replace(",", "."));
  return t;
}

function formToBlock(b) {
  switch (b.kind) {
    case "list": return { list: lines(b.text) };
    case "numbered": return { numbered: lines(b.text) };
    case "points": {
      const points = [];
      for (const line of b.text.split("\n")) {
        const m = /^\s*[a-zđ]\)\s*(.*)$/i.exec(line);
        if (m) points.push({ heading: m[1].trim(), paragraphs: [] });
        else if (line.trim() !== "") {
          if (!points.length) points.push({ heading: "", paragraphs: [] });
          points[points.length - 1].paragraphs.push(line.trim());
        }
      }
      return { points };
    }
    case "table": {
      const rows = lines(b.text).map((l) => l.split("|").map((c) => c.trim()));
      const table = { header: rows[0] || [], rows: rows.slice(1).map((r) => r.map(cell)) };
      if (b.caption) table.caption = b.caption;
      if (b.unit) table.unit = b.unit;
      if (b.source) table.source = b.source;
      if (b.decimals) table.decimals = b.decimals.split(",").map((d) => (/^\s*\d+\s*$/.test(d) ? Number(d) : "-"));
      return { table };
    }
    default: return b.text;
  }
}

// ---- building the form from data --------------------------------------------

let uid = 0;
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

function idFor(path) { return "f-" + path.replace(/[^a-zA-Z0-9_]/g, "_"); }

// A labelled text field bound to a path.
function field(label, path, value, opts = {}) {
  const id = idFor(path);
  const input = opts.multiline
    ? el("textarea", { id, "data-path": path, rows: opts.rows || 3, spellcheck: "false", autocomplete: "off" })
    : el("input", { id, type: opts.type || "text", "data-path": path, autocomplete: "off", spellcheck: "false", inputmode: opts.inputmode });
  input.value = value == null ? "" : value;
  if (opts.list) input.setAttribute("data-list", "lines");
  if (opts.kind) input.setAttribute("data-kind", opts.kind);
  return el("div", { class: "field", "data-field": path }, el("label", { for: id, text: label }), opts.hint ? el("p", { class: "hint", id: id + "-hint", text: opts.hint }) : null, input);
}

function select(label, path, value, options) {
  const id = idFor(path);
  const s = el("select", { id, "data-path": path });
  for (const [v, t] of options) s.append(el("option", { value: v, text: t }));
  s.value = value || options[0][0];
  return el("div", { class: "field", "data-field": path }, el("label", { for: id, text: label }), s);
}

function frameSection(f) {
  const i = f.issuer || {};
  const s = f.signature || {};
  return el("fieldset", { id: idFor("frame"), "data-field": "frame" },
    el("legend", { text: "Phần đầu và phần cuối văn bản" }),
    el("div", { class: "row" },
      field("Cơ quan cấp trên (ĐẢNG BỘ TỈNH …; bỏ trống với tỉnh ủy)", "frame.issuer.superior", i.superior),
      field("Cơ quan ban hành (HUYỆN ỦY …)", "frame.issuer.organ", i.organ),
      field("Ký hiệu cơ quan (HU, QU, ThU, ĐU, TU…)", "frame.issuer.organ_code", i.organ_code),
      field("Ban Thường vụ (như viết trong câu)", "frame.issuer.standing_committee", i.standing_committee),
      field("Tỉnh (không bắt buộc)", "frame.issuer.province", i.province)),
    el("div", { class: "row" },
      field("Số văn bản (bỏ trống để văn thư điền)", "frame.number", f.number, { inputmode: "numeric" }),
      field("Địa danh", "frame.place", f.place),
      field("Ngày ban hành", "frame.date", f.date, { type: "date" }),
      select("Độ khẩn", "frame.urgency", f.urgency, [["", "(không)"], ["KHẨN", "KHẨN"], ["THƯỢNG KHẨN", "THƯỢNG KHẨN"], ["HỎA TỐC", "HỎA TỐC"]]),
      field("Dấu dự thảo (không bắt buộc)", "frame.draft", f.draft)),
    el("div", { class: "row" },
      select("Quyền hạn ký", "frame.signature.authority", s.authority, [["T/M", "T/M (thay mặt)"], ["K/T", "K/T (ký thay)"], ["T/L", "T/L (thừa lệnh)"]]),
      field("Thay mặt", "frame.signature.on_behalf_of", s.on_behalf_of),
      field("Chức vụ", "frame.signature.position", s.position),
      field("Họ và tên", "frame.signature.name", s.name)),
    field("Nơi nhận (mỗi dòng một nơi; dòng cuối là “Lưu Văn phòng …”)", "frame.recipients", (f.recipients || []).join("\n"), { multiline: true, list: true, rows: 4 }),
    field("Văn bản của cấp ủy được căn cứ (mỗi dòng một văn bản; không bắt buộc)", "frame.references", (f.references || []).join("\n"), { multiline: true, list: true, rows: 2 }));
}

function blocksEditor(path, blocks) {
  const box = el("div", { class: "blocks", "data-blocks": path });
  (blocks || []).forEach((b, k) => {
    const fb = blockToForm(b);
    const p = `${path}[${k}]`;
    const editor = field(`${BLOCK_KINDS[fb.kind]} — ${k + 1}`, p, fb.text, { multiline: true, rows: fb.kind === "paragraph" ? 3 : 4, kind: fb.kind });
    if (fb.kind === "points" && JSON.stringify(formToBlock(fb)) !== JSON.stringify(b)) {
      // Points holding tables or lists: kept as they are unless this text is edited.
      const area = editor.querySelector("textarea");
      area.dataset.original = JSON.stringify(b);
      area.dataset.originalText = fb.text;
      area.before(el("p", { class: "hint", text: "Các ý này có bảng hoặc danh sách bên trong: giữ nguyên nếu không sửa; sửa ở đây thì chỉ còn chữ." }));
    }
    const block = el("div", { class: "block", "data-block": p, "data-kind": fb.kind }, editor);
    if (fb.kind === "table") {
      block.append(el("div", { class: "row" },
        field("Tên bảng", p + ".caption", fb.caption), field("Đơn vị tính", p + ".unit", fb.unit), field("Nguồn", p + ".source", fb.source),
        field("Số chữ số thập phân theo cột (vd: -, -, 1)", p + ".decimals", fb.decimals)));
    }
    block.append(el("div", { class: "tools" }, el("button", { type: "button", "data-remove": p, text: "Xóa khối này", "aria-label": `Xóa khối ${k + 1}` })));
    box.append(block);
  });
  const tools = el("div", { class: "tools" });
  for (const [kind, label] of Object.entries(BLOCK_KINDS)) {
    tools.append(el("button", { type: "button", "data-add-block": path, "data-kind": kind, text: "+ " + label.split(" (")[0] }));
  }
  box.append(tools);
  return box;
}

// Blocks, then titled subsections, of a part at `path`.
function partEditor(path, part) {
  const box = el("div", { class: "part" }, blocksEditor(path + ".paragraphs", part.paragraphs));
  (part.subsections || []).forEach((s, k) => {
    const p = `${path}.subsections[${k}]`;
    box.append(el("fieldset", { id: idFor(p), "data-field": p },
      el("legend", { text: `Mục con ${k + 1}` }),
      field("Tên mục", p + ".title", s.title),
      blocksEditor(p + ".paragraphs", s.paragraphs),
      el("div", { class: "tools" }, el("button", { type: "button", "data-remove": p, text: "Xóa mục con này" }))));
  });
  box.append(el("div", { class: "tools" }, el("button", { type: "button", "data-add-subsection": path, text: "+ Mục con" })));
  return box;
}

function partSection(path, title, part, hint) {
  return el("fieldset", { id: idFor(path), "data-field": path }, el("legend", { text: title }),
    hint ? el("p", { class: "hint", text: hint }) : null, partEditor(path, part || emptyPart()));
}

function areaSection(key, title, area) {
  const path = "results." + key;
  area = area || emptyPart();
  const box = el("fieldset", { id: idFor(path), "data-field": path }, el("legend", { text: title }),
    field("Tên mục do cấp ủy đặt (bỏ trống: theo đề cương)", path + ".title", area.title, { kind: "optional" }));
  if (key === "coordination") {
    const heading = area.coordination_title === false ? "-" : area.coordination_title;
    box.append(field("Tên phần 5.1 (bỏ trống: theo đề cương; “-”: không có đề mục)", path + ".coordination_title", heading, { kind: "heading" }));
    box.append(partEditor(path, area));
    const d = area.disasters_epidemics || emptyPart();
    const dp = path + ".disasters_epidemics";
    box.append(el("fieldset", { id: idFor(dp), "data-field": dp },
      el("legend", { text: "Quyền trẻ em trong thiên tai, dịch bệnh, nhất là Covid-19 (bắt buộc)" }),
      field("Tên phần do cấp ủy đặt (bỏ trống: theo đề cương)", dp + ".title", d.title, { kind: "optional" }),
      partEditor(dp, d)));
    return box;
  }
  const none = area.nothing_to_report != null;
  const id = idFor(path + ".none");
  const check = el("input", { type: "checkbox", id, "data-none": path });
  check.checked = none;
  box.append(el("div", { class: "field" }, check, el("label", { for: id, text: "Không có nội dung báo cáo", style: "display:inline; margin-left:0.4rem" })));
  if (none) box.append(field("Lý do (một câu, in nguyên văn)", path + ".nothing_to_report", area.nothing_to_report, { multiline: true, rows: 2 }));
  else box.append(partEditor(path, area));
  return box;
}

function statisticsSection(tables) {
  const box = el("fieldset", { id: idFor("statistics"), "data-field": "statistics" }, el("legend", { text: "Phụ lục số liệu" }));
  (tables || []).forEach((t, ti) => {
    const tp = `statistics[${ti}]`;
    const years = (t.years || []).join(", ");
    const tbox = el("fieldset", { id: idFor(tp), "data-field": tp }, el("legend", { text: `Phụ lục ${ti + 1}` }),
      field("Tên phụ lục", tp + ".title", t.title),
      el("div", { class: "row" },
        field("Các năm (cách nhau bằng dấu phẩy, hoặc 2012-2021)", tp + ".years", years, { kind: "years" }),
        field("Đơn vị tính chung (không bắt buộc)", tp + ".unit", t.unit),
        field("Nguồn số liệu", tp + ".source", t.source)));
    (t.groups || []).forEach((g, gi) => {
      const gp = `${tp}.groups[${gi}]`;
      const gbox = el("fieldset", { id: idFor(gp), "data-field": gp }, el("legend", { text: `Nhóm ${gi + 1}` }),
        field("Tên nhóm (không bắt buộc)", gp + ".heading", g.heading));
      (g.indicators || []).forEach((ind, ii) => {
        const ip = `${gp}.indicators[${ii}]`;
        const values = el("div", { class: "values" });
        (t.years || []).forEach((y, yi) => {
          const v = (ind.values || [])[yi];
          values.append(field(String(y), `${ip}.values[${yi}]`, v == null || v === "-" ? "" : String(v).replace(".", ","), { inputmode: "decimal", kind: "figure" }));
        });
        gbox.append(el("fieldset", { id: idFor(ip), "data-field": ip }, el("legend", { text: `Chỉ tiêu ${ii + 1}` }),
          el("div", { class: "row" }, field("Tên chỉ tiêu", ip + ".name", ind.name), field("Đơn vị tính", ip + ".unit", ind.unit),
            field("Số chữ số thập phân (bỏ trống: tự nhiên)", ip + ".decimals", ind.decimals, { inputmode: "numeric", kind: "count" }),
            field("Ghi chú", ip + ".note", ind.note)),
          values,
          el("div", { class: "tools" }, el("button", { type: "button", "data-remove": ip, text: "Xóa chỉ tiêu này" }))));
      });
      gbox.append(el("div", { class: "tools" },
        el("button", { type: "button", "data-add-indicator": gp, text: "+ Chỉ tiêu" }),
        el("button", { type: "button", "data-remove": gp, text: "Xóa nhóm này" })));
      tbox.append(gbox);
    });
    tbox.append(el("div", { class: "tools" },
      el("button", { type: "button", "data-add-group": tp, text: "+ Nhóm chỉ tiêu" }),
      el("button", { type: "button", "data-remove": tp, text: "Xóa phụ lục này" })));
    box.append(tbox);
  });
  box.append(el("div", { class: "tools" }, el("button", { type: "button", id: "add-table", "data-add-table": "statistics", text: "+ Phụ lục số liệu" })));
  return box;
}

function build(data) {
  const form = document.getElementById("form");
  form.replaceChildren(
    el("h2", { text: "Phần đầu, phần cuối" }), frameSection(data.frame || {}),
    el("h2", { text: "I. Nội dung báo cáo" }),
    partSection("purpose", "1. Mục đích, yêu cầu (không bắt buộc)", data.purpose),
    partSection("dissemination", "2.1. Phổ biến, quán triệt, lãnh đạo, chỉ đạo, tổ chức thực hiện", data.dissemination),
    el("h3", { text: "2.2. Kết quả thực hiện các nhiệm vụ trọng tâm" }),
    el("fieldset", { id: idFor("results.paragraphs"), "data-field": "results.paragraphs" }, el("legend", { text: "Phần mở đầu của 2.2 (không bắt buộc)" }), blocksEditor("results.paragraphs", (data.results || {}).paragraphs)),
    ...AREAS.map(([key, title]) => areaSection(key, title, (data.results || {})[key])),
    el("h2", { text: "II. Hạn chế, nguyên nhân, bài học; phương hướng, kiến nghị" }),
    ...PARTS.map(([path, title]) => partSection(path, title, get(data, path))),
    el("h2", { text: "Phụ lục" }),
    statisticsSection(data.statistics));
}

// ---- reading the form back into data ----------------------------------------

function setPath(obj, path, value) {
  const keys = path.match(/[^.[\]]+/g);
  let o = obj;
  keys.forEach((k, i) => {
    const last = i === keys.length - 1;
    const key = /^\d+$/.test(k) ? Number(k) : k;
    if (last) o[key] = value;
    else {
      if (o[key] == null) o[key] = /^\d+$/.test(keys[i + 1]) ? [] : {};
      o = o[key];
    }
  });
}

function years(text) {
  const t = text.trim();
  const span = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(t);
  if (span) { const out = []; for (let y = +span[1]; y <= +span[2] && out.length < 100; y++) out.push(y); return out; }
  return t.split(/[,;\s]+/).filter(Boolean).map((y) => (/^\d+$/.test(y) ? Number(y) : y));
}

function collect() {
  const data = emptyReport();
  data.statistics = [];
  for (const input of document.querySelectorAll("#form [data-path]")) {
    const path = input.dataset.path;
    let v = input.value;
    if (input.dataset.list) v = lines(v);
    else if (input.dataset.kind === "years") v = years(v);
    else if (input.dataset.kind === "figure") v = cell(v);
    else if (input.dataset.kind === "optional") { if (v.trim() === "") continue; }
    else if (input.dataset.kind === "heading") { if (v.trim() === "") continue; if (v.trim() === "-") v = false; }
    else if (input.dataset.kind === "count") { if (v.trim() === "") continue; v = /^\d+$/.test(v.trim()) ? Number(v.trim()) : v; }
    else if (input.dataset.original !== undefined && v === input.dataset.originalText) v = JSON.parse(input.dataset.original);
    else if (input.dataset.kind && BLOCK_KINDS[input.dataset.kind]) v = formToBlock({ kind: input.dataset.kind, text: v });
    setPath(data, path, v);
  }
  // Table blocks: caption, unit and source were set on the block; move them into it.
  for (const block of document.querySelectorAll("#form [data-kind=table].block")) {
    const p = block.dataset.block;
    const t = getPath(data, p);
    for (const k of ["caption", "unit", "source", "decimals"]) {
      const extra = t && t[k];
      if (t && typeof extra === "string") {
        if (extra.trim()) t.table[k] = k === "decimals" ? extra.split(",").map((d) => (/^\s*\d+\s*$/.test(d) ? Number(d) : "-")) : extra;
        delete t[k];
      }
    }
  }
  // Areas with "no content": the reason alone.
  for (const check of document.querySelectorAll("#form [data-none]")) {
    const area = getPath(data, check.dataset.none);
    if (check.checked) {
      const reason = area.nothing_to_report || "";
      for (const k of Object.keys(area)) if (k !== "title") delete area[k];
      area.nothing_to_report = reason;
    } else delete area.nothing_to_report;
  }
  const f = data.frame;
  if (f.number === "") delete f.number; else if (/^\d+$/.test(f.number.trim())) f.number = Number(f.number.trim());
  for (const k of ["draft", "urgency"]) if (!f[k]) delete f[k];
  for (const k of ["superior", "province"]) if (!f.issuer[k]) delete f.issuer[k];
  if (!f.references.length) delete f.references;
  if (!data.purpose.paragraphs.length && !data.purpose.subsections.length) delete data.purpose;
  for (const t of data.statistics) {
    if (t && !t.unit) delete t.unit;
    if (t && !t.source) delete t.source;
    for (const g of (t && t.groups) || []) {
      if (!g.heading) delete g.heading;
      for (const ind of g.indicators || []) { if (!ind.unit) delete ind.unit; if (!ind.note) delete ind.note; if (!ind.values) ind.values = []; }
    }
  }
  return data;
}

function getPath(obj, path) {
  return path.match(/[^.[\]]+/g).reduce((o, k) => (o == null ? undefined : o[/^\d+$/.test(k) ? Number(k) : k]), obj);
}

// ---- structural edits (clicks): change the data, rebuild ----------------------

function edit(change, focusPath) {
  const data = collect();
  change(data);
  build(data);
  save(data);
  schedule();
  if (focusPath) { const f = document.getElementById(idFor(focusPath)); if (f) f.focus(); }
}

function removeAt(data, path) {
  const m = /^(.*)\[(\d+)\]$/.exec(path);
  if (m) getPath(data, m[1]).splice(Number(m[2]), 1);
}

document.addEventListener("click", (ev) => {
  const b = ev.target.closest("button");
  if (!b || !b.closest("#form")) return;
  const d = b.dataset;
  if (d.addBlock) {
    edit((data) => { const list = getPath(data, d.addBlock); list.push(d.kind === "paragraph" ? "" : formToBlock({ kind: d.kind, text: "" })); },
      `${d.addBlock}[${getPath(collect(), d.addBlock).length}]`);
  } else if (d.addSubsection) {
    const n = getPath(collect(), d.addSubsection).subsections.length;
    edit((data) => getPath(data, d.addSubsection).subsections.push({ title: "", paragraphs: [] }), `${d.addSubsection}.subsections[${n}].title`);
  } else if (d.addTable) {
    const n = collect().statistics.length;
    edit((data) => data.statistics.push({ title: "", years: [2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021], groups: [{ indicators: [{ name: "", unit: "", values: [] }] }] }), `statistics[${n}].title`);
  } else if (d.addGroup) {
    edit((data) => getPath(data, d.addGroup).groups.push({ heading: "", indicators: [{ name: "", unit: "", values: [] }] }));
  } else if (d.addIndicator) {
    const n = getPath(collect(), d.addIndicator).indicators.length;
    edit((data) => getPath(data, d.addIndicator).indicators.push({ name: "", unit: "", values: [] }), `${d.addIndicator}.indicators[${n}].name`);
  } else if (d.remove) {
    edit((data) => removeAt(data, d.remove));
  }
});

document.addEventListener("change", (ev) => {
  const c = ev.target;
  if (c.dataset && c.dataset.none) {
    edit((data) => {
      const area = getPath(data, c.dataset.none);
      for (const k of Object.keys(area)) if (k !== "title") delete area[k];
      if (c.checked) area.nothing_to_report = "";
      else { area.paragraphs = []; area.subsections = []; }
    }, c.checked ? c.dataset.none + ".nothing_to_report" : c.dataset.none + ".none");
  } else if (c.dataset && c.dataset.kind === "years") {
    edit(() => {});  // the year fields follow the years
  }
});

// ---- saving and checking as the user types ----------------------------------

function save(data) {
  try { localStorage.setItem(DRAFT_KEY, JSON.stringify(data)); } catch (e) { /* private mode: no draft */ }
}

let timer = null;
let sequence = 0;
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(check, 400);
}

document.addEventListener("input", (ev) => {
  if (!ev.target.closest("#form")) return;
  save(collect());
  schedule();
});

async function check() {
  const mine = ++sequence;
  const data = collect();
  let problems;
  try {
    const res = await fetch("/api/validate", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) });
    const body = await res.json();
    if (mine !== sequence) return;  // a newer check is under way
    problems = res.ok ? body.problems : [{ path: body.path || "", code: "input", message: body.message || body.error }];
  } catch (e) {
    if (mine === sequence) status("Không kết nối được máy chủ: bản nháp vẫn được lưu trong trình duyệt.");
    return;
  }
  show(problems);
}

// The field for a problem's path: the path itself, else the nearest enclosing one.
function fieldFor(path) {
  let p = path;
  while (p) {
    const f = document.getElementById(idFor(p));
    if (f) return f;
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return document.getElementById("form");
}

function show(problems) {
  for (const p of document.querySelectorAll("#form .problem")) p.remove();
  for (const f of document.querySelectorAll("#form .invalid")) { f.classList.remove("invalid"); f.removeAttribute("aria-invalid"); f.removeAttribute("aria-describedby"); }
  const list = document.getElementById("summary-list");
  list.replaceChildren();
  problems.forEach((p, k) => {
    const target = fieldFor(p.path);
    const id = `problem-${k}`;
    const note = el("p", { class: "problem", id, text: p.message });
    if (target.matches("input, textarea, select")) {
      target.classList.add("invalid");
      target.setAttribute("aria-invalid", "true");
      target.setAttribute("aria-describedby", ((target.getAttribute("aria-describedby") || "") + " " + id).trim());
      target.after(note);
    } else if (target.id === "form") {
      target.prepend(note);
    } else {
      const legend = target.querySelector("legend");
      (legend || target).after(note);
    }
    const link = el("a", { href: "#" + (target.id || "form"), text: `${where(target) || p.path}: ${p.message}` });
    list.append(el("li", {}, link));
  });
  const summary = document.getElementById("summary");
  summary.classList.toggle("ok", problems.length === 0);
  document.getElementById("summary-text").textContent = problems.length
    ? `Còn ${problems.length} lỗi cần sửa trước khi tải báo cáo:`
    : "Báo cáo hợp lệ: có thể tải về.";
}

// A field's name as the user sees it: its label, or its part's heading.
function where(target) {
  if (!target.id || target.id === "form") return "";
  const label = document.querySelector(`label[for="${target.id}"]`);
  if (label) {
    const part = target.closest("fieldset");
    const legend = part && part.querySelector("legend");
    return (legend ? legend.textContent + " — " : "") + label.textContent;
  }
  const legend = target.querySelector("legend");
  return legend ? legend.textContent : "";
}

function status(text) { document.getElementById("status").textContent = text; }

// ---- the buttons ------------------------------------------------------------

function downloadBlob(blob, name) {
  const a = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

function fileName(res, fallback) {
  const m = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") || "");
  return m ? m[1] : fallback;
}

document.getElementById("save").addEventListener("click", async () => {
  const res = await fetch("/api/yaml", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(collect()) });
  if (res.ok) { downloadBlob(await res.blob(), "ban-nhap.yaml"); status("Đã lưu bản nháp (ban-nhap.yaml)."); }
  else status("Không lưu được bản nháp.");
});

document.getElementById("download").addEventListener("click", async () => {
  const res = await fetch("/api/render", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(collect()) });
  if (res.ok) {
    const name = fileName(res, "bao-cao.docx");
    downloadBlob(await res.blob(), name);
    status(`Đã tải báo cáo (${name}).`);
  } else {
    const body = await res.json();
    show(body.problems || [{ path: body.path || "", message: body.message || body.error }]);
    status("Báo cáo còn lỗi: xem danh sách ở trên.");
    document.getElementById("summary").focus();
  }
});

document.getElementById("open").addEventListener("change", async (ev) => {
  const file = ev.target.files[0];
  if (!file) return;
  const ext = file.name.toLowerCase().split(".").pop();
  const url = ext === "docx" ? "/api/extract" : `/api/data?format=${ext === "yml" ? "yaml" : ext}`;
  const res = await fetch(url, { method: "POST", body: file });
  const body = await res.json();
  ev.target.value = "";
  if (!res.ok) { status(`Không mở được ${file.name}: ${body.error}`); return; }
  const data = ext === "docx" ? body.report : body;
  build(data);
  save(collect());
  schedule();
  const notes = ext === "docx" && body.problems.length ? ` ${body.problems.length} đoạn cần xem lại: ${body.problems.map((p) => p.line).join("; ")}` : "";
  status(`Đã mở ${file.name}.${notes}`);
});

document.getElementById("check-file").addEventListener("change", async (ev) => {
  const file = ev.target.files[0];
  if (!file) return;
  const res = await fetch("/api/check", { method: "POST", body: file });
  const body = await res.json();
  ev.target.value = "";
  const box = document.getElementById("findings");
  const list = document.getElementById("findings-list");
  box.hidden = false;
  if (!res.ok) { list.replaceChildren(el("li", { text: body.error })); return; }
  list.replaceChildren(...(body.findings.length
    ? body.findings.map((f) => el("li", { text: `${f.severity === "error" ? "Lỗi" : "Lưu ý"}: ${f.location}: ${f.message}` }))
    : [el("li", { text: `${file.name}: đúng thể thức, không có lỗi.` })]));
  status(`Đã kiểm tra ${file.name}.`);
});

document.getElementById("clear").addEventListener("click", () => {
  if (!confirm("Xóa bản nháp đang có và làm lại từ đầu?")) return;
  const data = emptyReport();
  build(data);
  save(data);
  schedule();
});

// ---- start: the draft kept in the browser, or an empty report ----------------

let start = null;
try { start = JSON.parse(localStorage.getItem(DRAFT_KEY)); } catch (e) { start = null; }
build(start || emptyReport());
check();
