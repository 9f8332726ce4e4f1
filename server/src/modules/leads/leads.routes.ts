import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { LeadListQuery } from './leads.repo';
import type { DistributeInput, LeadsService } from './leads.service';
import { PageNumber, pageSize } from '../../http/paging';
import { MAX_UPLOAD_BYTES } from './parse-lead-file';
import {
  LeadBatchDetailSchema,
  LeadBatchListSchema,
  LeadConfirmedSchema,
  LeadDistributedSchema,
  LeadImportErrorsSchema,
  LeadImportStartedSchema,
  LeadPageSchema,
  LeadStaffConversionListSchema,
} from '@siyu/contracts';

const tags = ['leads'];
const idParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const UPLOAD_TYPES = [
  'text/csv',
  'text/plain',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

export function registerLeadsRoutes(app: FastifyInstance, leads: LeadsService) {
  // The spreadsheet is the raw request body (CSV or XLSX), so 100,000 rows fit without a multipart parser.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    scope.post<{ Querystring: { filename?: string } }>(
      '/api/leads/imports',
      {
        config: { access: { permission: 'leads.write' } },
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags,
          description:
            'Upload a CSV or XLSX (columns phone/手机号, name/姓名, source/来源, notes/备注) as the raw body.',
          querystring: Type.Object(
            { filename: Type.Optional(Type.String({ maxLength: 200 })) },
            { additionalProperties: false },
          ),
          response: { 202: LeadImportStartedSchema },
        },
      },
      async (req, reply) =>
        reply.code(202).send(await leads.startImport(requireAuth(req), req.body, req.query.filename ?? '')),
    );
  });

  app.get('/api/leads/batches', { config: { access: { permission: 'leads.report' } }, schema: { tags, response: { 200: LeadBatchListSchema } } }, async (req) =>
    leads.listBatches(requireAuth(req)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/leads/batches/:id',
    { config: { access: { permission: 'leads.report' } }, schema: { tags, params: idParams, response: { 200: LeadBatchDetailSchema } } },
    async (req) => leads.getBatch(requireAuth(req), req.params.id),
  );

  app.get<{ Params: { id: string }; Querystring: { page: number; pageSize: number } }>(
    '/api/leads/batches/:id/errors',
    {
      config: { access: { permission: 'leads.report' } },
      schema: {
        tags,
        params: idParams,
        querystring: Type.Object(
          {
            page: PageNumber,
            pageSize: pageSize(500, 50),
          },
          { additionalProperties: false },
        ),
        response: { 200: LeadImportErrorsSchema },
      },
    },
    async (req) => leads.listErrors(requireAuth(req), req.params.id, req.query.page, req.query.pageSize),
  );

  app.post<{ Params: { id: string }; Body: DistributeInput }>(
    '/api/leads/batches/:id/distribute',
    {
      config: { access: { permission: 'leads.write' } },
      schema: {
        tags,
        params: idParams,
        body: Type.Object(
          {
            mode: Type.Union([Type.Literal('even'), Type.Literal('weight')]),
            staff: Type.Array(
              Type.Object(
                {
                  userid: Type.String({ minLength: 1, maxLength: 64 }),
                  weight: Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 1000 },
            ),
            deadlineHours: Type.Number({ exclusiveMinimum: 0, maximum: 720 }),
            maxRounds: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: LeadDistributedSchema },
      },
    },
    async (req) => leads.distribute(requireAuth(req), req.params.id, req.body),
  );

  app.get<{ Querystring: LeadListQuery }>(
    '/api/leads',
    {
      config: { access: { permission: 'leads.read' } },
      schema: {
        tags,
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union([Type.Literal('pool'), Type.Literal('assigned'), Type.Literal('added')])),
            batchId: Type.Optional(Type.String({ format: 'uuid' })),
            staffUserid: Type.Optional(Type.String({ maxLength: 64 })),
            q: Type.Optional(Type.String({ maxLength: 64 })),
            page: PageNumber,
            pageSize: pageSize(),
          },
          { additionalProperties: false },
        ),
        response: { 200: LeadPageSchema },
      },
    },
    async (req) => leads.list(requireAuth(req), req.query),
  );

  app.post<{ Params: { id: string }; Body: { externalUserid: string } }>(
    '/api/leads/:id/confirm',
    {
      config: { access: { permission: 'leads.confirm' } },
      schema: {
        tags,
        params: idParams,
        body: Type.Object(
          { externalUserid: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: { 200: LeadConfirmedSchema },
      },
    },
    async (req) => leads.confirm(requireAuth(req), req.params.id, req.body.externalUserid),
  );

  app.get<{ Querystring: { batchId?: string } }>(
    '/api/leads/conversion/staff',
    {
      config: { access: { permission: 'leads.report' } },
      schema: {
        tags,
        querystring: Type.Object(
          { batchId: Type.Optional(Type.String({ format: 'uuid' })) },
          { additionalProperties: false },
        ),
        response: { 200: LeadStaffConversionListSchema },
      },
    },
    async (req) => leads.staffConversion(requireAuth(req), req.query.batchId),
  );
}
