import { createInterface } from "node:readline";
// The same report built with docx (npm), for the comparison benchmark: styles set
// once, borderless header and signature tables, literal heading numbers, emphasis
// as runs, a landscape appendix section with merged and repeating header rows.
//
//   node benches/js/docx-report.mjs INPUT.json OUTPUT.docx     write one file
//   node benches/js/docx-report.mjs INPUT.json --times N [--warmup W]   print N timings (ms), one a line, after W untimed builds
import { readFileSync, writeFileSync } from "node:fs";
import {
  AlignmentType, Document, Header, HeadingLevel, LineRuleType, Packer, PageNumber, PageOrientation, Paragraph,
  Table, TableBorders, TableCell, TableRow, TextRun, VerticalMergeType, WidthType,
} from "docx";

const FONT = "Times New Roman";
const AREA_KEYS = ["leadership", "communication", "legislation", "programmes", "coordination", "resources", "international", "participation"];
const AREA_TITLES = [
  "Công tác lãnh đạo, chỉ đạo, kiểm tra, giám sát của cấp ủy, chính quyền các cấp",
  "Công tác tuyên truyền, giáo dục và vận động",
  "Việc rà soát, sửa đổi, bổ sung, hoàn thiện hệ thống pháp luật, chính sách về trẻ em",
  "Xây dựng và thực hiện các chương trình, đề án, kế hoạch về trẻ em",
  "Công tác phối hợp liên ngành trong thực hiện quyền trẻ em; bảo đảm quyền trẻ em trong thiên tai, dịch bệnh, nhất là trước tác động của đại dịch Covid-19",
  "Việc ưu tiên bố trí nguồn lực cho công tác trẻ em",
  "Việc mở rộng, tăng cường hợp tác quốc tế trong thực hiện quyền trẻ em",
  "Sự tham gia của Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội, nhà trường, gia đình và cộng đồng",
];
const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"];
const DIRECTIVE = "Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị (khóa XI) “về việc tăng cường sự lãnh đạo của Đảng đối với công tác chăm sóc, giáo dục và bảo vệ trẻ em trong tình hình mới”";
const EMPHASIS = /(\*\*\*.+?\*\*\*|\*\*.+?\*\*|\*.+?\*)/;

function runs(text) {
  return text.split(EMPHASIS).filter((p) => p).map((p) => {
    if (p.startsWith("***")) return new TextRun({ text: p.slice(3, -3), bold: true, italics: true });
    if (p.startsWith("**")) return new TextRun({ text: p.slice(2, -2), bold: true });
    if (p.startsWith("*")) return new TextRun({ text: p.slice(1, -1), italics: true });
    return new TextRun(p);
  });
}
const body = (text) => new Paragraph({ style: "BodyText", children: runs(text) });
const heading = (text, level) => new Paragraph({ heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][level - 1], children: [new TextRun(text)] });
const centred = (text, o = {}) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 0 }, children: [new TextRun({ text, ...o })] });
const cell = (children, o = {}) => new TableCell({ children, ...o });

function blocks(out, items) {
  for (const b of items ?? []) {
    if (typeof b === "string") out.push(body(b));
    else if (b.list) for (const item of b.list) out.push(new Paragraph({ style: "ListDash", children: runs("- " + item) }));
    else if (b.points) b.points.forEach((p, i) => { out.push(heading(`${String.fromCharCode(97 + i)}) ${p.heading}`, 3)); blocks(out, p.paragraphs); });
    else if (b.table) {
      const t = b.table;
      if (t.caption) out.push(centred(t.caption, { bold: true, size: 24 }));
      const rows = [new TableRow({ tableHeader: true, children: t.header.map((h) => cell([centred(h, { bold: true, size: 24 })])) })];
      const shown = (v) => (v === null || v === "-" ? "-" : typeof v === "number" ? numberVn(v) : v);
      for (const r of t.rows) rows.push(new TableRow({ children: r.map((v) => cell([new Paragraph(shown(v))])) }));
      out.push(new Table({ rows, width: { size: 9355, type: WidthType.DXA } }));
    }
  }
}

function part(out, p, level, number) {
  blocks(out, p.paragraphs);
  (p.subsections ?? []).forEach((s, i) => {
    out.push(heading(`${level === 1 ? `${i + 1}.` : `${number}.${i + 1}.`} ${s.title}`, level === 1 ? 2 : 3));
    blocks(out, s.paragraphs);
  });
}

function numberVn(x, decimals) {
  const s = decimals != null ? x.toFixed(decimals) : String(x);
  const [int, frac] = s.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return frac ? `${grouped},${frac}` : grouped;
}

export function build(data) {
  const f = data.frame;
  const [y, m, d] = f.date.split("-").map(Number);
  const month = m <= 2 ? String(m).padStart(2, "0") : String(m);
  const dd = String(d).padStart(2, "0");
  const number = String(f.number).padStart(2, "0");
  const out = [];
  const none = TableBorders.NONE;
  out.push(new Table({
    borders: none, columnWidths: [4209, 5146], width: { size: 9355, type: WidthType.DXA },
    rows: [new TableRow({ children: [
      cell([centred(f.issuer.superior ?? ""), centred(f.issuer.organ, { bold: true }), centred("*"), centred(`Số ${number}-BC/${f.issuer.organ_code}`)]),
      cell([centred("ĐẢNG CỘNG SẢN VIỆT NAM", { bold: true, underline: {}, size: 30 }), centred(`${f.place}, ngày ${dd} tháng ${month} năm ${y}`, { italics: true })]),
    ] })],
  }));
  out.push(centred("BÁO CÁO", { bold: true, size: 32 }), centred("tổng kết 10 năm thực hiện " + DIRECTIVE, { bold: true }), centred("-----"));
  out.push(body(`Thực hiện Công văn số 807-CV/TU, ngày 24/12/2021 của Ban Thường vụ Tỉnh ủy về việc tổng kết 10 năm thực hiện ${DIRECTIVE}, ${f.issuer.standing_committee} báo cáo kết quả như sau:`));
  let n = 0;
  const level1 = (t) => out.push(heading(`${ROMAN[n++]}- ${t}`, 1));
  if (data.purpose) { level1("MỤC ĐÍCH, YÊU CẦU"); part(out, data.purpose, 1, ""); }
  level1("TÌNH HÌNH PHỔ BIẾN, QUÁN TRIỆT, LÃNH ĐẠO, CHỈ ĐẠO, TỔ CHỨC THỰC HIỆN CHỈ THỊ");
  part(out, data.dissemination, 1, "");
  level1("KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM");
  blocks(out, data.results.paragraphs);
  AREA_KEYS.forEach((key, i) => {
    const a = data.results[key];
    out.push(heading(`${i + 1}. ${AREA_TITLES[i]}`, 2));
    if (key === "coordination") {
      out.push(heading(`${i + 1}.1. Công tác phối hợp liên ngành trong thực hiện quyền trẻ em`, 3));
      part(out, a, 3, `${i + 1}.1`);
      out.push(heading(`${i + 1}.2. Bảo đảm quyền trẻ em trong thiên tai, dịch bệnh, nhất là trước tác động của đại dịch Covid-19`, 3));
      part(out, a.disasters_epidemics, 3, `${i + 1}.2`);
    } else if (a.nothing_to_report) out.push(body(a.nothing_to_report));
    else part(out, a, 2, String(i + 1));
  });
  const s = data.shortcomings, o = data.outlook;
  level1("HẠN CHẾ, TỒN TẠI, NGUYÊN NHÂN VÀ BÀI HỌC KINH NGHIỆM");
  out.push(heading("1. Hạn chế, tồn tại", 2)); part(out, s.limitations, 2, "1");
  out.push(heading("2. Nguyên nhân", 2), heading("2.1. Nguyên nhân khách quan", 3)); part(out, s.objective_causes, 3, "2.1");
  out.push(heading("2.2. Nguyên nhân chủ quan", 3)); part(out, s.subjective_causes, 3, "2.2");
  out.push(heading("3. Bài học kinh nghiệm", 2)); part(out, s.lessons, 2, "3");
  level1("KHÓ KHĂN, THÁCH THỨC VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP");
  out.push(heading("1. Khó khăn, thách thức", 2)); part(out, o.difficulties, 2, "1");
  out.push(heading("2. Phương hướng, nhiệm vụ, giải pháp trong thời gian tới", 2)); part(out, o.directions, 2, "2");
  level1("KIẾN NGHỊ, ĐỀ XUẤT"); part(out, o.recommendations, 1, "");
  const rec = f.recipients.map((r, i) => new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text: `- ${r}${i === f.recipients.length - 1 ? "." : ","}`, size: 24 })] }));
  const sg = f.signature;
  out.push(new Table({
    borders: none, columnWidths: [4209, 5146], width: { size: 9355, type: WidthType.DXA },
    rows: [new TableRow({ cantSplit: true, children: [
      cell([new Paragraph({ children: [new TextRun({ text: "Nơi nhận:", underline: {} })] }), ...rec]),
      cell([centred(`${sg.authority} ${sg.on_behalf_of}`, { bold: true }), centred(sg.position, { bold: true }), centred(""), centred(""), centred(""), centred(""), centred(sg.name, { bold: true })]),
    ] })],
  }));

  const page = { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1701, right: 850, header: 567 } };
  const headers = {
    default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }),
    first: new Header({ children: [new Paragraph("")] }),
  };
  const sections = [{ properties: { page, titlePage: true }, headers, children: out }];
  (data.statistics ?? []).forEach((t, k) => {
    const years = t.years, cols = 4 + years.length;
    const hc = (text, o = {}) => cell([centred(text, { bold: true, size: 24 })], o);
    const rows = [
      new TableRow({ tableHeader: true, children: [hc("TT", { verticalMerge: VerticalMergeType.RESTART }), hc("Chỉ tiêu", { verticalMerge: VerticalMergeType.RESTART }), hc("Đơn vị tính", { verticalMerge: VerticalMergeType.RESTART }), hc("Năm", { columnSpan: years.length }), hc("Ghi chú", { verticalMerge: VerticalMergeType.RESTART })] }),
      new TableRow({ tableHeader: true, children: [hc("", { verticalMerge: VerticalMergeType.CONTINUE }), hc("", { verticalMerge: VerticalMergeType.CONTINUE }), hc("", { verticalMerge: VerticalMergeType.CONTINUE }), ...years.map((yr) => hc(String(yr))), hc("", { verticalMerge: VerticalMergeType.CONTINUE })] }),
    ];
    let counter = 0;
    t.groups.forEach((g, gi) => {
      if (g.heading) rows.push(new TableRow({ children: [cell([centred(ROMAN[gi], { bold: true, size: 24 })]), cell([new Paragraph({ children: [new TextRun({ text: g.heading, bold: true, size: 24 })] })], { columnSpan: cols - 1 })] }));
      for (const ind of g.indicators) {
        counter += 1;
        const vals = years.map((_, i) => { const v = ind.values[i]; return v == null || v === "-" ? "-" : numberVn(v, ind.decimals); });
        rows.push(new TableRow({ children: [
          cell([centred(String(counter), { size: 24 })]), cell([new Paragraph({ children: [new TextRun({ text: ind.name, size: 24 })] })]), cell([centred(ind.unit, { size: 24 })]),
          ...vals.map((v) => cell([new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: v, size: 24 })] })])),
          cell([new Paragraph({ children: [new TextRun({ text: ind.note ?? "", size: 24 })] })]),
        ] }));
      }
    });
    sections.push({
      properties: { page: { size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE }, margin: page.margin } },
      children: [
        centred(`Phụ lục ${k + 1}`, { bold: true }), centred(t.title.toUpperCase(), { bold: true }),
        centred(`(Kèm theo Báo cáo số ${number}-BC/${f.issuer.organ_code}, ngày ${dd}/${month}/${y} của ${f.issuer.standing_committee})`, { italics: true }),
        new Table({ rows, width: { size: 14287, type: WidthType.DXA } }),
      ],
    });
  });
  const spacing = { before: 0, after: 120, line: 360, lineRule: LineRuleType.EXACT };
  return new Document({
    creator: f.issuer.organ, title: `Báo cáo số ${number}-BC/${f.issuer.organ_code}`,
    styles: {
      default: { document: { run: { font: FONT, size: 28 } } },
      paragraphStyles: [
        { id: "BodyText", name: "Body Text", basedOn: "Normal", paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 567 }, spacing } },
        { id: "ListDash", name: "List", basedOn: "Normal", paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 567 }, spacing } },
        { id: "Heading1", name: "heading 1", basedOn: "Normal", next: "BodyText", run: { bold: true, font: FONT, size: 28, color: "000000" }, paragraph: { indent: { firstLine: 567 }, spacing, keepNext: true, outlineLevel: 0 } },
        { id: "Heading2", name: "heading 2", basedOn: "Normal", next: "BodyText", run: { bold: true, font: FONT, size: 28, color: "000000" }, paragraph: { indent: { firstLine: 567 }, spacing, keepNext: true, outlineLevel: 1 } },
        { id: "Heading3", name: "heading 3", basedOn: "Normal", next: "BodyText", run: { bold: true, italics: true, font: FONT, size: 28, color: "000000" }, paragraph: { indent: { firstLine: 567 }, spacing, keepNext: true, outlineLevel: 2 } },
      ],
    },
    sections,
  });
}

async function main() {
  const [input, second, count, warmFlag, warmCount] = process.argv.slice(2);
  const data = JSON.parse(readFileSync(input, "utf8"));
  if (second === "--worker") {
    // One long-lived process: warmed once, then each line on standard input
    // asks for that many timed builds, answered with one line of times (ms).
    for (let i = 0; i < 30; i++) await Packer.toBuffer(build(data));
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) {
      const times = [];
      for (let i = 0; i < Number(line); i++) {
        const t = process.hrtime.bigint();
        await Packer.toBuffer(build(data));
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      console.log(times.join(" "));
    }
  } else if (second === "--times") {
    // Warm-up builds, untimed: the JIT compiles the hot paths first.
    const warm = warmFlag === "--warmup" ? Number(warmCount) : 0;
    for (let i = 0; i < warm; i++) await Packer.toBuffer(build(data));
    for (let i = 0; i < Number(count); i++) {
      const t = process.hrtime.bigint();
      await Packer.toBuffer(build(data));
      console.log(Number(process.hrtime.bigint() - t) / 1e6);
    }
  } else {
    writeFileSync(second, await Packer.toBuffer(build(data)));
  }
}

main();
