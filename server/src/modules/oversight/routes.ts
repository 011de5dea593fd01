import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BulletinEditInput,
  BulletinGenerateInput,
  BulletinView,
  DirectiveInput,
  DirectiveSummary,
  DirectiveView,
  FigurePeriodQuery,
  FiguresByInstitution,
  FormOversight,
  Items,
  PeriodRow,
  ReportFormDetail,
  ReportInput,
  ReportView,
  ReviewInput,
  TimelineEntry,
} from '@shouhu/common';
import { Type } from 'typebox';
import { readTable, XLSX_TYPE } from '../../platform/files.ts';
import { errorResponses } from '../../platform/http.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { editBulletin, generateBulletin, getBulletin, listBulletins, publishBulletin } from './bulletin.ts';
import { renderBulletinDocx, renderBulletinPdf } from './documents.ts';
import { exportFormOversight } from './export.ts';
import { exportCityFigures, listFiguresByInstitution } from './figures.ts';
import {
  acknowledgeDirective,
  getDirective,
  getReport,
  getReportForm,
  issueDirective,
  listDirectives,
  listFormOversight,
  listPeriodRows,
  listReportTimeline,
  reopenPeriod,
  reviewReport,
  submitReport,
  withdrawReport,
} from './service.ts';
import { readReportTemplate, renderReportTemplate } from './template.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const PeriodParams = Type.Object({ id: Type.String({ format: 'uuid' }), period: Type.String({ format: 'date' }) });
const tags = ['oversight'];

export const oversightRoutes =
  (modules: readonly ModuleManifest[]): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/v1/directives',
      {
        config: { access: 'directive.issue' },
        schema: {
          tags,
          summary: 'Issue a directive, with required actions and a report form, to the institutions it addresses',
          body: DirectiveInput,
          response: { 201: DirectiveView, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.status(201).send(await issueDirective(req.ctx, req.body)),
    );
    app.get(
      '/api/v1/directives',
      {
        config: { access: 'directive.read' },
        schema: {
          tags,
          summary: 'Directives issued by the own organisation (the regulator: all), or addressed to the own institution',
          response: { 200: Items(DirectiveSummary), ...errorResponses(401, 403) },
        },
      },
      async (req) => ({ items: await listDirectives(req.ctx) }),
    );
    app.get(
      '/api/v1/directives/:id',
      {
        config: { access: 'directive.read' },
        schema: {
          tags,
          summary: 'One directive, with who has acknowledged it',
          params: IdParams,
          response: { 200: DirectiveView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req) => getDirective(req.ctx, req.params.id),
    );
    app.post(
      '/api/v1/directives/:id/acknowledge',
      {
        config: { access: 'directive.receive' },
        schema: {
          tags,
          summary: 'Acknowledge (签收) a directive for the own institution',
          params: IdParams,
          response: { 200: DirectiveView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => acknowledgeDirective(req.ctx, req.params.id),
    );
    app.get(
      '/api/v1/report-forms/:id',
      {
        config: { access: 'directive.read' },
        schema: {
          tags,
          summary: 'A report form: its fields, rules, period and deadline',
          params: IdParams,
          response: {
            200: ReportFormDetail,
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (req) => getReportForm(req.ctx, req.params.id),
    );
    app.get(
      '/api/v1/report-forms/:id/periods',
      {
        config: { access: 'directive.read' },
        schema: {
          tags,
          summary: 'Each started period for each addressed institution (the own one, to an institution): due, missing or its report',
          params: IdParams,
          response: { 200: Items(PeriodRow), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req) => ({ items: await listPeriodRows(req.ctx, req.params.id) }),
    );
    app.get(
      '/api/v1/report-forms/:id/template.xlsx',
      {
        config: { access: 'directive.read' },
        schema: { tags, summary: 'The form as an XLSX template to fill in and upload', params: IdParams },
      },
      async (req, reply) => {
        const form = await getReportForm(req.ctx, req.params.id);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', `attachment; filename="report-form-${form.id.slice(0, 8)}.xlsx"`)
          .send(await renderReportTemplate(form));
      },
    );
    app.put(
      '/api/v1/report-forms/:id/reports/:period',
      {
        config: { access: 'report.submit' },
        schema: {
          tags,
          summary: 'Submit the own institution’s report for a period (a withdrawn or returned one is replaced)',
          params: PeriodParams,
          body: ReportInput,
          response: { 200: ReportView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => submitReport(req.ctx, req.params.id, req.params.period, req.body),
    );
    app.put(
      '/api/v1/report-forms/:id/reports/:period/xlsx',
      {
        config: { access: 'report.submit' },
        schema: {
          tags,
          summary: 'Submit the report as the form’s filled-in XLSX template (body: the file, content type XLSX)',
          params: PeriodParams,
          response: { 200: ReportView, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
        },
      },
      async (req) => {
        const form = await getReportForm(req.ctx, req.params.id);
        const input = readReportTemplate(form, await readTable(req.body, XLSX_TYPE));
        return submitReport(req.ctx, req.params.id, req.params.period, input);
      },
    );
    app.post(
      '/api/v1/report-forms/:id/reopenings',
      {
        config: { access: 'report.review' },
        schema: {
          tags,
          summary: 'Open a locked period again for one institution, for some hours (its report is then marked late)',
          params: IdParams,
          body: Type.Object(
            {
              orgId: Type.String({ format: 'uuid' }),
              period: Type.String({ format: 'date' }),
              hours: Type.Integer({ minimum: 1, maximum: 168 }),
              reason: Type.String({ minLength: 2, maxLength: 500 }),
            },
            { additionalProperties: false },
          ),
          response: { 200: PeriodRow, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req) => reopenPeriod(req.ctx, req.params.id, req.body),
    );
    app.get(
      '/api/v1/reports/:id',
      {
        config: { access: 'directive.read' },
        schema: {
          tags,
          summary: 'One report; the regulator’s first look opens it (it can then no longer be withdrawn)',
          params: IdParams,
          response: { 200: ReportView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req) => getReport(req.ctx, req.params.id),
    );
    app.get(
      '/api/v1/reports/:id/timeline',
      {
        config: { access: 'directive.read' },
        schema: {
          tags,
          summary: 'The report’s history',
          params: IdParams,
          response: { 200: Items(TimelineEntry), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req) => ({ items: await listReportTimeline(req.ctx, req.params.id) }),
    );
    app.post(
      '/api/v1/reports/:id/withdraw',
      {
        config: { access: 'report.submit' },
        schema: {
          tags,
          summary: 'Withdraw a submitted report the regulator has not opened',
          params: IdParams,
          response: { 200: ReportView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => withdrawReport(req.ctx, req.params.id),
    );
    app.post(
      '/api/v1/reports/:id/review',
      {
        config: { access: 'report.review' },
        schema: {
          tags,
          summary: 'Accept a submitted report, or return it with a comment',
          params: IdParams,
          body: ReviewInput,
          response: { 200: ReportView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => reviewReport(req.ctx, req.params.id, req.body),
    );
    app.get(
      '/api/v1/oversight/forms',
      {
        config: { access: 'directive.issue' },
        schema: {
          tags,
          summary:
            'For each form: expected, received, on time, late, missing and returned reports, per institution, and the fields’ totals',
          response: { 200: Items(FormOversight), ...errorResponses(401, 403) },
        },
      },
      async (req) => ({ items: await listFormOversight(req.ctx) }),
    );
    app.get(
      '/api/v1/oversight/forms.xlsx',
      { config: { access: 'directive.issue' }, schema: { tags, summary: 'The same as an XLSX workbook, one sheet per form' } },
      async (req, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', 'attachment; filename="oversight.xlsx"')
          .send(await exportFormOversight(req.ctx, await listFormOversight(req.ctx))),
    );
    app.get(
      '/api/v1/oversight/figures',
      {
        config: { access: 'figures.read' },
        schema: {
          tags,
          summary: "The list behind the city's figures: each institution's for a period (at most 92 days), and the total",
          querystring: FigurePeriodQuery,
          response: { 200: FiguresByInstitution, ...errorResponses(400, 401, 403) },
        },
      },
      async (req) => listFiguresByInstitution(req.ctx, modules, req.query),
    );
    app.get(
      '/api/v1/oversight/figures.xlsx',
      {
        config: { access: 'figures.read' },
        schema: {
          tags,
          summary: "The city's figures for a period as XLSX: by institution with the total, and by day",
          querystring: FigurePeriodQuery,
        },
      },
      async (req, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', 'attachment; filename="figures.xlsx"')
          .send(await exportCityFigures(req.ctx, modules, req.query)),
    );
    app.post(
      '/api/v1/bulletins',
      {
        config: { access: 'bulletin.publish' },
        schema: {
          tags,
          summary: 'Generate a draft bulletin for a period, its paragraphs written from every capability’s figures',
          body: BulletinGenerateInput,
          response: { 201: BulletinView, ...errorResponses(400, 401, 403) },
        },
      },
      async (req, reply) => reply.status(201).send(await generateBulletin(req.ctx, modules, req.body)),
    );
    app.get(
      '/api/v1/bulletins',
      {
        config: { access: 'bulletin.publish' },
        schema: {
          tags,
          summary: 'Drafts and published bulletins, newest first',
          response: { 200: Items(BulletinView), ...errorResponses(401, 403) },
        },
      },
      async (req) => ({ items: await listBulletins(req.ctx) }),
    );
    app.put(
      '/api/v1/bulletins/:id',
      {
        config: { access: 'bulletin.publish' },
        schema: {
          tags,
          summary: 'Edit a draft’s title and text',
          params: IdParams,
          body: BulletinEditInput,
          response: { 200: BulletinView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => editBulletin(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/api/v1/bulletins/:id/publish',
      {
        config: { access: 'bulletin.publish' },
        schema: {
          tags,
          summary: 'Publish a draft as the year’s next issue (第N期)',
          params: IdParams,
          response: { 200: BulletinView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => publishBulletin(req.ctx, req.params.id),
    );
    app.get(
      '/api/v1/public/bulletins',
      {
        config: { access: 'public' },
        schema: { tags, summary: 'Published bulletins, newest first', response: { 200: Items(BulletinView) } },
      },
      async (req) => ({
        items: (await listBulletins({ ...req.ctx, actor: { type: 'anonymous' } })).filter((b) => b.status === 'published'),
      }),
    );
    app.get(
      '/api/v1/public/bulletins/:id',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'One published bulletin (a draft, to the regulator)',
          params: IdParams,
          response: { 200: BulletinView, ...errorResponses(400, 404) },
        },
      },
      async (req) => getBulletin(req.ctx, req.params.id),
    );
    app.get(
      '/api/v1/public/bulletins/:id/pdf',
      { config: { access: 'public' }, schema: { tags, summary: 'A bulletin as PDF (Chinese font embedded)', params: IdParams } },
      async (req, reply) => {
        const bulletin = await getBulletin(req.ctx, req.params.id);
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `inline; filename="bulletin-${bulletin.year ?? 'draft'}-${bulletin.number ?? bulletin.id.slice(0, 8)}.pdf"`,
          )
          .send(await renderBulletinPdf(bulletin));
      },
    );
    app.get(
      '/api/v1/public/bulletins/:id/docx',
      { config: { access: 'public' }, schema: { tags, summary: 'A bulletin as DOCX, to edit in WPS or Word', params: IdParams } },
      async (req, reply) => {
        const bulletin = await getBulletin(req.ctx, req.params.id);
        return reply
          .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .header(
            'content-disposition',
            `attachment; filename="bulletin-${bulletin.year ?? 'draft'}-${bulletin.number ?? bulletin.id.slice(0, 8)}.docx"`,
          )
          .send(await renderBulletinDocx(bulletin));
      },
    );
  };
