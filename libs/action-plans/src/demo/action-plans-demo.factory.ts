import type { DataSource } from 'typeorm';
import { AuditRepository, TransactionRunner } from '@enlace/core';
import { PlanRepository } from '../plan/plan.repository';
import { PlanService } from '../plan/plan.service';
import { ReportRepository } from '../report/report.repository';
import { StructureRepository } from '../structure/structure.repository';
import { TemplateRepository } from '../template/template.repository';
import { TemplateService } from '../template/template.service';
import { ActionPlansDemoSeedService } from './action-plans-demo.service';

/** The action-plans demo seed outside Nest (`npm run seed:demo` opens its own data source). */
export function createActionPlansDemoSeed(dataSource: DataSource): ActionPlansDemoSeedService {
  const transactions = new TransactionRunner(dataSource);
  const audit = new AuditRepository(dataSource);
  const plans = new PlanRepository(dataSource);
  const structure = new StructureRepository(dataSource);
  const templates = new TemplateRepository(dataSource);
  const templateService = new TemplateService(
    templates,
    new PlanService(plans, transactions, audit),
    plans,
    structure,
    transactions,
    audit,
  );
  return new ActionPlansDemoSeedService(
    transactions,
    plans,
    structure,
    templates,
    templateService,
    new ReportRepository(dataSource),
    audit,
  );
}
