import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrors } from '../docs/api-errors.decorator';
import { ReplayBodySchema, ReplaySchema } from '../docs/schemas';
import { z } from 'zod';
import { optional, parse } from '../common/validation';
import { ProjectionsService } from '../projections/projections.service';
import { AdminTokenGuard } from './admin-token.guard';
import { ReplaysService } from './replays.service';

const replayBody = z
  .object({
    kind: z.enum(['analysis', 'projections'], { errorMap: () => ({ message: 'must be "analysis" or "projections"' }) }),
    articleIds: optional(z.array(z.string().min(1).max(128)).min(1).max(100_000)),
  })
  .strict();

@ApiTags('admin')
@ApiBearerAuth('admin')
@ApiErrors(401, 403)
@Controller('admin')
@UseGuards(AdminTokenGuard)
export class AdminController {
  constructor(
    private readonly replays: ReplaysService,
    private readonly projections: ProjectionsService,
  ) {}

  @Get('projections')
  @ApiOperation({ summary: "Each projection's generation, checkpoint, lag (events and seconds) and status" })
  async projectionStatus() {
    const now = Date.now();
    const list = await this.projections.status();
    return {
      projections: list.map((p) => ({
        ...p,
        // Behind by as long as the checkpoint has not moved while events wait; 0 when caught up.
        lagSeconds: p.lag !== '0' && p.updatedAt ? Math.max(0, Math.round((now - new Date(p.updatedAt).getTime()) / 100) / 10) : 0,
      })),
    };
  }

  @Post('replays')
  @HttpCode(202)
  @ApiOperation({ summary: 'Replay ingestion (re-analyse) or rebuild the projections' })
  @ApiBody({ schema: ReplayBodySchema })
  @ApiResponse({ status: 202, schema: { type: 'object', properties: { replayId: { type: 'string', format: 'uuid' } } } })
  @ApiErrors(400, 409)
  request(@Req() req: Request & { adminTokenId?: string }, @Body() body: unknown) {
    const { kind, articleIds } = parse(replayBody, body);
    return this.replays.request(kind, articleIds, `token:${req.adminTokenId}`);
  }

  @Get('replays/:id')
  @ApiOperation({ summary: "A replay's progress" })
  @ApiResponse({ status: 200, schema: ReplaySchema })
  @ApiErrors(404)
  get(@Param('id') id: string) {
    return this.replays.get(id);
  }
}
