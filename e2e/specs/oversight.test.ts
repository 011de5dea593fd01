import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import type { Page } from 'playwright-core';
import { extractText } from 'unpdf';
import { findAccessibilityProblems } from '../support/axe.ts';
import { DESKTOP, PHONE, SCREENSHOTS } from '../support/browser.ts';
import { chooseOption, confirm, signInToConsole } from '../support/flows.ts';
import { findOverflow } from '../support/layout.ts';
import { useServerAndBrowser } from '../support/server.ts';

const shot = (name: string) => fileURLToPath(new URL(`${name}.png`, SCREENSHOTS));
const shanghaiDate = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const NUMBER = '沪银保监办发〔2022〕20号';

/** The directive's page, from the console's list of directives. */
async function openDirective(page: Page) {
  await page.getByRole('menuitem', { name: '监管通知与报送' }).click();
  await page.getByRole('link', { name: NUMBER }).click();
  await page.getByText('关于报送疫情期间上门服务情况的通知').first().waitFor();
}

describe('the regulator’s oversight in a real browser', () => {
  const ctx = useServerAndBrowser();

  it('issues a daily form to every bank; two acknowledge and report, one late after a reopening; one is returned and corrected; rates and the bulletin follow', async () => {
    const today = shanghaiDate();
    const yesterday = shanghaiDate(-1);
    const regulator = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signInToConsole(regulator, ctx.server.url, 'regulator');
    await regulator.getByText('，您好').waitFor();
    await regulator.getByRole('menuitem', { name: '监管通知与报送' }).click();
    await regulator.getByRole('button', { name: '下发通知' }).click();
    const drawer = regulator.locator('.ant-drawer');
    await drawer.getByLabel('文号').fill(NUMBER);
    await drawer.getByLabel('标题').fill('关于报送疫情期间上门服务情况的通知');
    await drawer.getByLabel('正文').fill('各银行：请每日报送上门服务情况。');
    await drawer.getByRole('switch', { name: '附报表' }).click();
    await drawer.getByLabel('报表名称').fill('上门服务日报');
    await drawer.getByLabel('首期').fill(yesterday);
    // Each day's report is due at the midnight that ends it: yesterday's is locked already.
    await drawer.getByLabel('每期结束后几小时内报送').fill('0');
    for (const [i, [label, key]] of [
      ['上门服务申请数', 'requested'],
      ['上门服务办结数', 'served'],
    ].entries()) {
      await drawer.getByRole('button', { name: '添加项目' }).click();
      await drawer.getByLabel(`项目名称 ${i + 1}`).fill(label as string);
      await drawer.getByLabel(`代码 ${i + 1}`).fill(key as string);
    }
    await drawer.getByRole('button', { name: '添加规则' }).click();
    await drawer.getByLabel('项目 1').selectOption('served');
    await chooseOption(regulator, drawer, '比较对象', '上门服务申请数');
    await regulator.keyboard.press('Escape');
    await regulator.screenshot({ path: shot('console-directive-issue-desktop'), fullPage: true });
    await drawer.getByRole('button', { name: '下发通知' }).click();
    await confirm(regulator, /下发通知/);
    await regulator.getByText(`已下发 ${NUMBER}，送达 9 家机构`).waitFor();
    await regulator.getByText('已签收 0 / 9').first().waitFor();

    // The first bank: its staff find the directive in the inbox, acknowledge it and report today.
    const boc = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signInToConsole(boc, ctx.server.url, 'boc.staff');
    await boc.getByText('，您好').waitFor();
    await openDirective(boc);
    await boc.getByRole('button', { name: '签 收' }).click();
    await confirm(boc, /签\s*收/);
    await boc.getByText('已签收').first().waitFor();
    const todayRow = boc.getByRole('row', { name: new RegExp(`^${today}`) });
    await todayRow.getByRole('link', { name: '填报' }).click();
    await boc.getByLabel('上门服务申请数').fill('12');
    await boc.getByLabel('上门服务办结数').fill('15');
    await boc.getByLabel('填表人').fill('赵柜员');
    await boc.getByLabel('负责人').fill('陈管理');
    await boc.getByRole('button', { name: '报 送' }).click();
    // The form's own rule, said before anything is sent.
    await boc.getByText('“上门服务办结数”不能大于“上门服务申请数”').waitFor();
    await boc.getByLabel('上门服务办结数').fill('10');
    await boc.getByRole('button', { name: '报 送' }).click();
    await confirm(boc, /报\s*送/);
    await boc.getByText('已报送').first().waitFor();
    assert.deepEqual(await findAccessibilityProblems(boc), []);

    // The second bank acknowledges; yesterday is locked until the regulator reopens it.
    const cib = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signInToConsole(cib, ctx.server.url, 'cib.admin');
    await cib.getByText('，您好').waitFor();
    await openDirective(cib);
    await cib.getByRole('button', { name: '签 收' }).click();
    await confirm(cib, /签\s*收/);
    await cib
      .getByRole('row', { name: new RegExp(`^${yesterday}`) })
      .getByText('已截止')
      .waitFor();

    await openDirective(regulator);
    await regulator.getByText('已签收 2 / 9').first().waitFor();
    const cibYesterday = regulator.getByRole('row', { name: new RegExp(`^兴业银行上海分行\\s*${yesterday}`) });
    await cibYesterday.getByRole('button', { name: '重新开放' }).click();
    await regulator.getByLabel('原因').fill('网点封控，系统无法登录');
    await regulator.getByRole('dialog').getByRole('button', { name: '重新开放' }).click();
    await regulator.getByText(/已重新开放，截至/).waitFor();

    // The second bank fills in the downloaded template offline and uploads it: marked late.
    const template = await cib.request.get(`${ctx.server.url}${await cib.getByRole('link', { name: '下载模板' }).getAttribute('href')}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await template.body()) as unknown as ArrayBuffer);
    const values: Record<string, string> = { requested: '6', served: '5', preparer: '周管理', responsible: '周经理' };
    (workbook.worksheets[0] as ExcelJS.Worksheet).eachRow((row) => {
      const key = String(row.getCell(1).value);
      if (key in values) row.getCell(3).value = values[key] as string;
    });
    await cib.reload();
    await cib
      .getByRole('row', { name: new RegExp(`^${yesterday}`) })
      .locator('input[type=file]')
      .setInputFiles({
        name: '上门服务日报.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
      });
    await cib.getByText('已上传并报送').waitFor();
    await cib.locator('.ant-tag', { hasText: '逾期' }).first().waitFor();
    await cib.getByText('周经理').waitFor();

    // The regulator returns the first bank's report; the bank corrects it and submits again.
    await openDirective(regulator);
    await regulator
      .getByRole('row', { name: new RegExp(`^中国银行上海市分行\\s*${today}`) })
      .getByRole('link', { name: '查看' })
      .click();
    await regulator.getByLabel('退回意见').fill('办结数与台账不符，请核实');
    await regulator.getByRole('button', { name: '退 回' }).click();
    await confirm(regulator, /确\s*认/);
    await regulator.getByText('已退回，已通知机构').waitFor();

    await boc.getByRole('button', { name: /消息/ }).click();
    await boc
      .getByText(/被退回：办结数与台账不符/)
      .first()
      .click();
    await boc.getByText('监管意见：办结数与台账不符，请核实').waitFor();
    await boc.getByRole('button', { name: '修改后重新报送' }).click();
    await boc.getByLabel('上门服务办结数').fill('9');
    await boc.getByRole('button', { name: '报 送' }).click();
    await confirm(boc, /报\s*送/);
    await boc.getByText('第 2 次报送').first().waitFor();
    const history = boc.locator('.ant-card', { hasText: '办理记录' });
    for (const step of ['报送报表', '监管查阅', '退回修改']) await history.getByText(step, { exact: true }).first().waitFor();
    await boc.screenshot({ path: shot('console-report-desktop'), fullPage: true });

    // The rates: nine banks, yesterday's period past its deadline; today's two reports received.
    await regulator.getByRole('menuitem', { name: '报送情况' }).click();
    const card = regulator.getByTestId('oversight-form').filter({ hasText: NUMBER });
    const stat = (title: string) =>
      card.locator('.ant-statistic', { has: regulator.getByText(title, { exact: true }) }).locator('.ant-statistic-content');
    await card.waitFor();
    assert.equal(await stat('应报').textContent(), '10');
    assert.equal(await stat('已报').textContent(), '2');
    assert.equal(await stat('逾期').textContent(), '1');
    assert.equal(await stat('未报').textContent(), '8');
    assert.equal(await stat('报送率').textContent(), '20%');
    await card
      .getByRole('row', { name: /兴业银行上海分行/ })
      .getByText('100%')
      .first()
      .waitFor();
    assert.deepEqual(await findAccessibilityProblems(regulator), []);
    await regulator.screenshot({ path: shot('console-oversight-desktop'), fullPage: true });

    // The dashboard's figure opens the city's figures: the trend, and the institutions behind it,
    // which the UI shows as the API counts them; the same as XLSX.
    await regulator.getByRole('menuitem', { name: '概览' }).click();
    await regulator.getByRole('link', { name: /已报送/ }).click();
    const byInstitution = regulator.getByTestId('figures-by-institution');
    await byInstitution.getByText('报表报送 · 按机构').waitFor();
    const counted = await (await regulator.request.get(`${ctx.server.url}/api/v1/oversight/figures`)).json();
    const cibCount = counted.institutions.find((i: { name: string }) => i.name === '兴业银行上海分行').figures.oversight.received;
    assert.ok(cibCount >= 1);
    const cibRow = byInstitution.getByRole('row', { name: /兴业银行上海分行/ });
    assert.equal(await cibRow.getByRole('cell').nth(1).textContent(), String(cibCount));
    const pressed = regulator.getByTestId('figures-oversight').locator('[aria-pressed="true"]');
    assert.equal(await pressed.locator('.ant-statistic-content').textContent(), String(counted.total.oversight.received));
    assert.equal(
      await byInstitution.locator('.ant-table-summary').getByRole('cell').nth(1).textContent(),
      String(counted.total.oversight.received),
    );
    await regulator.getByTestId('figures-oversight').getByRole('img').waitFor();
    const figuresXlsx = new ExcelJS.Workbook();
    await figuresXlsx.xlsx.load(
      (await (await regulator.request.get(`${ctx.server.url}/api/v1/oversight/figures.xlsx`)).body()) as unknown as ArrayBuffer,
    );
    const sheet = figuresXlsx.getWorksheet('按机构') as ExcelJS.Worksheet;
    const column = (sheet.getRow(2).values as unknown[]).indexOf('报表报送·已报送');
    assert.equal(sheet.getRow(sheet.rowCount).getCell(column).value, counted.total.oversight.received);
    assert.deepEqual(await findAccessibilityProblems(regulator), []);
    await regulator.screenshot({ path: shot('console-figures-desktop'), fullPage: true });
    await regulator.setViewportSize(PHONE);
    // The charts redraw at the new width on the next frame.
    await regulator.waitForFunction(() => [...document.querySelectorAll('canvas')].every((c) => c.clientWidth <= window.innerWidth));
    assert.deepEqual(await findOverflow(regulator), []);
    await regulator.screenshot({ path: shot('console-figures-phone'), fullPage: true });
    await regulator.setViewportSize(DESKTOP);

    // The bulletin for the two days: generated, edited, published, opened as PDF and DOCX.
    await regulator.getByRole('menuitem', { name: '工作简报' }).click();
    await regulator.getByLabel('起始日期').fill(yesterday);
    await regulator.getByRole('button', { name: '生成简报' }).click();
    await regulator.getByText('已生成简报草稿，请审改后发布').waitFor();
    const editor = regulator.getByTestId('bulletin-editor');
    assert.match(
      await editor.getByLabel('二、全力支持重点领域和重点人群').inputValue(),
      new RegExp(`按照${NUMBER.replace(/[〔〕]/g, '.')}要求，各机构报送《上门服务日报》2份`),
    );
    await editor.getByLabel('四、积极参与志愿服务').fill('各机构组织青年志愿者下沉社区，协助发放生活物资。');
    await regulator.screenshot({ path: shot('console-bulletin-edit-desktop'), fullPage: true });
    await editor.getByRole('button', { name: '发 布' }).click();
    await confirm(regulator, /发\s*布/);
    const year = today.slice(0, 4);
    await regulator.getByText(`已发布为 ${year}年第1期`).waitFor();
    const row = regulator.getByRole('row', { name: new RegExp(`${year}年第1期`) });
    const pdf = await regulator.request.get(`${ctx.server.url}${await row.getByRole('link', { name: 'PDF' }).getAttribute('href')}`);
    const { text } = await extractText(new Uint8Array(await pdf.body()), { mergePages: true });
    assert.match(text.replace(/\s/g, ''), /各机构组织青年志愿者下沉社区/);
    assert.match(text.replace(/\s/g, ''), new RegExp(`${year}年第1期`));
    const docx = await regulator.request.get(`${ctx.server.url}${await row.getByRole('link', { name: 'Word 文档' }).getAttribute('href')}`);
    const { value } = await mammoth.extractRawText({ buffer: await docx.body() });
    assert.match(value, /四、积极参与志愿服务/);
    assert.match(value, /上门服务日报/);

    // The public reads it on a phone.
    const phone = await ctx.browser.newPage({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await phone.goto(`${ctx.server.url}/bulletins`);
    await phone.getByText(`${year}年第1期`).first().waitFor();
    await phone.getByText('各机构组织青年志愿者下沉社区，协助发放生活物资。').waitFor();
    assert.deepEqual(await findOverflow(phone), []);
    assert.deepEqual(await findAccessibilityProblems(phone), []);
    await phone.screenshot({ path: shot('public-bulletin-phone'), fullPage: true });
    for (const page of [regulator, boc, cib, phone]) await page.close();
  });
});
