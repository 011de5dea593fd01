import { createRequire } from 'node:module';
import { type BulletinView, describeBulletinIssue, formatChineseDate, BULLETIN_ISSUER as ISSUER, todayInShanghai } from '@shouhu/common';

// Noto Sans SC (SIL Open Font License), embedded and subset to the characters used.
const FONT = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

const paragraphsOf = (text: string) =>
  text
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);

/** The bulletin as an A4 PDF in Chinese: its issue, title, sections in order, and the issuer with the date. */
export async function renderBulletinPdf(bulletin: BulletinView): Promise<Buffer> {
  // pdfkit loads on first use, not at every start.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: bulletin.title, Author: ISSUER } });
  doc.registerFont('noto', FONT);
  doc.font('noto');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(22).fillColor('#c00000').text('工作简报', { align: 'center' });
  doc.moveDown(0.3).fontSize(11).fillColor('#000000').text(describeBulletinIssue(bulletin), { align: 'center' });
  doc.moveDown().fontSize(16).text(bulletin.title, { align: 'center' });
  for (const section of bulletin.sections) {
    const paragraphs = paragraphsOf(section.text);
    if (paragraphs.length === 0) continue;
    doc.moveDown().fontSize(13).text(section.heading);
    for (const p of paragraphs) doc.moveDown(0.3).fontSize(11).text(p, { indent: 22, lineGap: 3, align: 'justify' });
  }
  doc.moveDown(2).fontSize(11).text(ISSUER, { align: 'right' });
  if (bulletin.publishedAt) doc.text(formatChineseDate(todayInShanghai(new Date(bulletin.publishedAt))), { align: 'right' });
  doc.end();
  return done;
}

/** The bulletin as DOCX, for people who edit it further in WPS or Word: the same content, with Chinese fonts named. */
export async function renderBulletinDocx(bulletin: BulletinView): Promise<Buffer> {
  const { AlignmentType, Document, Packer, Paragraph, TextRun } = await import('docx');
  const run = (text: string, size: number, options: { bold?: boolean; color?: string; font?: string } = {}) =>
    new TextRun({
      text,
      size: size * 2,
      bold: options.bold,
      color: options.color,
      font: { eastAsia: options.font ?? '仿宋', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
    });
  const children = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run('工作简报', 26, { bold: true, color: 'C00000', font: '方正小标宋简体' })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(describeBulletinIssue(bulletin), 14)] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 240 },
      children: [run(bulletin.title, 18, { bold: true, font: '黑体' })],
    }),
  ];
  for (const section of bulletin.sections) {
    const paragraphs = paragraphsOf(section.text);
    if (paragraphs.length === 0) continue;
    children.push(new Paragraph({ spacing: { before: 200 }, children: [run(section.heading, 16, { font: '黑体' })] }));
    for (const p of paragraphs)
      children.push(new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(p, 16)] }));
  }
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 480 }, children: [run(ISSUER, 16)] }));
  if (bulletin.publishedAt)
    children.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [run(formatChineseDate(todayInShanghai(new Date(bulletin.publishedAt))), 16)],
      }),
    );
  const doc = new Document({ creator: ISSUER, title: bulletin.title, sections: [{ children }] });
  return Packer.toBuffer(doc);
}
