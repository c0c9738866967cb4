import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogEntity } from './audit/audit-log.entity';
import { AuditRepository } from './audit/audit.repository';
import { AfterCommitRepository } from './database/after-commit.repository';
import { DataDirInUseError } from './database/data-dir-lock';
import { DatabaseLifecycle } from './database/database-lifecycle';
import { HealthRepository } from './database/health.repository';
import { TransactionRunner } from './database/transaction.runner';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { createDataSourceOptions, MigrationClass } from './database/data-source.factory';
import { I18nService } from './i18n/i18n.service';
import { LiveBus } from './live/live-bus';
import { PdfRenderer } from './pdf/pdf-renderer';

export interface CoreModuleOptions {
  readonly config: AppConfig;
  readonly migrations: MigrationClass[];
}

/**
 * The shared kernel every process imports once: validated config, the database (PostgreSQL or
 * embedded PGlite), i18n, the audit log and the PDF workers. Entities of each context are registered by that
 * context's module through `TypeOrmModule.forFeature` (autoLoadEntities).
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => ({
            ...(await createDataSourceOptions(options.config, { entities: [], migrations: options.migrations })),
            autoLoadEntities: true,
            // A data directory held by another process will not free itself in the next seconds.
            toRetry: (error: unknown) => !(error instanceof DataDirInUseError),
          }),
        }),
        TypeOrmModule.forFeature([AuditLogEntity]),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: I18nService, useFactory: () => new I18nService() },
        AfterCommitRepository,
        {
          provide: LiveBus,
          inject: [AfterCommitRepository],
          useFactory: (commits: AfterCommitRepository) => new LiveBus(commits),
        },
        AuditRepository,
        HealthRepository,
        DatabaseLifecycle,
        TransactionRunner,
        // PDFs are made in worker threads, started on demand and closed with the app (decision 0027).
        { provide: PdfRenderer, useFactory: () => new PdfRenderer() },
      ],
      exports: [
        APP_CONFIG,
        I18nService,
        LiveBus,
        AuditRepository,
        HealthRepository,
        TransactionRunner,
        PdfRenderer,
        TypeOrmModule,
      ],
    };
  }
}
