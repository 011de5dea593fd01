import { createRequire } from 'node:module';
import { formatChineseDate, type NoticeView } from '@shouhu/common';

// Noto Sans SC (SIL Open Font License), embedded and subset to the characters used.
const FONT = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

/**
 * The notice as an A4 PDF in Chinese: the document number, heading and advice, the branches by
 * district, then the association's name and the signing date (落款); every page numbered.
 */
export async function renderNoticePdf(notice: NoticeView): Promise<Buffer> {
  // pdfkit loads on first use, not at every start.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    // Pages stay in memory until the end, to number them "page i of n".
    bufferPages: true,
    info: { Title: `上海市部分银行营业网点时间调整通告 第${notice.version}版`, Author: notice.association.nameZh },
  });
  doc.registerFont('noto', FONT);
  doc.font('noto');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  if (notice.documentNumber) doc.fontSize(11).text(notice.documentNumber, { align: 'center' }).moveDown(0.5);
  doc.fontSize(18).text('上海市部分银行营业网点时间调整通告', { align: 'center' });
  doc.moveDown(0.3).fontSize(11).text(`${notice.association.nameZh} · 第${notice.version}版 · 截至${notice.asOf}`, { align: 'center' });
  doc
    .moveDown()
    .fontSize(11)
    .text('受疫情影响，以下网点暂停营业或调整营业时间。建议广大市民选择就近营业网点，或通过手机银行等线上渠道办理业务。');
  let district = '';
  for (const e of notice.entries) {
    if (e.districtName !== district) {
      district = e.districtName;
      doc.moveDown().fontSize(13).text(district);
    }
    doc
      .moveDown(0.2)
      .fontSize(10)
      .text(`${e.institution}  ${e.branchName}  ${e.address}`)
      .text(`    ${e.closed ? '暂停营业' : `营业时间 ${e.hours}`}  ${e.from} 至 ${e.to}${e.note ? `  （${e.note}）` : ''}`, { lineGap: 2 });
  }
  if (notice.entries.length === 0) doc.moveDown().text('截至该日，暂无网点调整营业。');
  // 落款: the association and the date it signed, at the end, on the right.
  doc.moveDown(2).fontSize(11).text(notice.association.nameZh, { align: 'right' });
  if (notice.signedOn) doc.text(formatChineseDate(notice.signedOn), { align: 'right' });
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    // In the bottom margin: without moving it, text there would start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(9)
      .text(`第 ${i + 1} 页 / 共 ${pages.count} 页`, 48, doc.page.height - 32, { align: 'center', width: doc.page.width - 96 });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
