import {
  demoActivityId,
  demoOrganizationId,
  type NetworkCode,
  networkByCode,
  territoryByCode,
} from '@participa/reference';
import { and, eq } from 'drizzle-orm';
import { commitmentsByActIds, insertAct } from '../data/commitments.ts';
import type { PlanningDb } from '../db/index.ts';
import {
  actionLines,
  actionPlans,
  activities,
  budgetExecutions,
  budgetItems,
  followUps,
  type PlanStatus,
  progressEntries,
} from '../db/schema.ts';
import { derivedStatus } from '../domain/progress.ts';
import { CALI_CONECTA } from './cali-conecta.ts';
import { CENTRO_2023, type DemoActivity, NORTE_2025 } from './centro-2023.ts';

const SEED_AUTHOR = 'seed';

interface DemoPlan {
  title: string;
  generalObjective: string;
  specificObjectives: string[];
  activities: DemoActivity[];
}

async function seedPlan(
  tx: PlanningDb,
  networkCode: NetworkCode,
  year: number,
  status: PlanStatus,
  plan: DemoPlan,
) {
  const network = networkByCode(networkCode)!;
  const lineIds = new Map((await tx.select().from(actionLines)).map((l) => [l.code, l.id]));
  const [row] = await tx
    .insert(actionPlans)
    .values({
      networkId: network.id,
      year,
      status,
      title: plan.title,
      generalObjective: plan.generalObjective,
      specificObjectives: plan.specificObjectives,
      submittedAt: status === 'DRAFT' ? null : new Date(`${year}-01-20T15:00:00Z`),
      approvedAt: status === 'APPROVED' ? new Date(`${year}-01-31T15:00:00Z`) : null,
      createdBy: SEED_AUTHOR,
    })
    .returning();
  for (const [i, a] of plan.activities.entries()) {
    const [activity] = await tx
      .insert(activities)
      .values({
        // Stable: education's demo workshops name the activity they carry out.
        id: demoActivityId(`${networkCode}-${year}`, i + 1),
        planId: row!.id,
        position: i + 1,
        title: a.title,
        description: a.description,
        axisCodes: a.axes,
        actionLineIds: a.lines.map((code) => lineIds.get(code)!),
        territoryIds: a.comunas.map((code) => territoryByCode(code)!.id),
        organizationIds: a.organizations.map(demoOrganizationId),
        procedures: a.procedures,
        phases: a.phases,
        startDate: a.start,
        endDate: a.end,
        goalQuantity: a.goal,
        goalUnit: a.unit,
        executedQuantity: a.executed,
        status: derivedStatus(a.executed, a.goal),
      })
      .returning();
    if (a.executed > 0) {
      await tx.insert(progressEntries).values({
        activityId: activity!.id,
        executedQuantity: a.executed,
        status: activity!.status,
        note: 'Avance reportado en el seguimiento del plan.',
        recordedBy: SEED_AUTHOR,
      });
    }
    for (const [resourceType, fundingSource, description, planned, executed] of a.budget) {
      const [item] = await tx
        .insert(budgetItems)
        .values({
          activityId: activity!.id,
          planId: row!.id,
          resourceType,
          fundingSource,
          description,
          plannedAmount: planned,
          executedAmount: executed,
        })
        .returning();
      if (executed > 0) {
        await tx.insert(budgetExecutions).values({
          budgetItemId: item!.id,
          amount: executed,
          date: a.end,
          note: 'Ejecución acumulada del año.',
          justification:
            executed > planned ? 'Aumento del costo de impresión frente a la cotización inicial.' : null,
          recordedBy: SEED_AUTHOR,
        });
      }
    }
  }
}

async function seedCaliConecta(tx: PlanningDb) {
  const act = await insertAct(tx, {
    act: {
      title: CALI_CONECTA.title,
      eventName: CALI_CONECTA.eventName,
      date: CALI_CONECTA.date,
      place: CALI_CONECTA.place,
      summary: CALI_CONECTA.summary,
      networkIds: CALI_CONECTA.networks.map((code) => networkByCode(code)!.id),
      createdBy: SEED_AUTHOR,
    },
    commitments: CALI_CONECTA.commitments.map(([description, organization, dueDate, status]) => ({
      description,
      responsibleOrganizationId: demoOrganizationId(organization),
      dueDate,
      status,
    })),
    signatories: CALI_CONECTA.signatories.map(([name, organization, role]) => ({
      name,
      organizationId: demoOrganizationId(organization),
      role,
    })),
  });
  for (const commitment of await commitmentsByActIds(tx, [act.id])) {
    const note = CALI_CONECTA.commitments[commitment.position - 1]![4];
    if (note) {
      await tx
        .insert(followUps)
        .values({ commitmentId: commitment.id, note, status: commitment.status, recordedBy: SEED_AUTHOR });
    }
  }
}

/** Demo data for `npm start`, loaded once: a second start finds it and adds nothing. */
export async function seedDemo(db: PlanningDb): Promise<void> {
  await db.transaction(async (tx) => {
    const [seeded] = await tx
      .select({ id: actionPlans.id })
      .from(actionPlans)
      .where(and(eq(actionPlans.createdBy, SEED_AUTHOR), eq(actionPlans.year, 2023)))
      .limit(1);
    if (seeded) return;
    await seedPlan(tx, 'CENTRO', 2023, 'APPROVED', CENTRO_2023);
    await seedPlan(tx, 'NORTE', 2025, 'SUBMITTED', NORTE_2025);
    await seedCaliConecta(tx);
  });
}
