import { demoActivityId, demoRecordId, networkByCode, territoryByCode } from '@participa/reference';
import { and, eq, inArray } from 'drizzle-orm';
import type { EducationDb } from '../db/index.ts';
import { campaignPieceMaterials, campaignPieces, campaigns, materials } from '../db/schema.ts';

type PieceSeed = Omit<typeof campaignPieces.$inferInsert, 'campaignId' | 'territoryId'> & {
  territoryCode?: string;
  materialTitles?: string[];
};

const PORTFOLIO_BOOKLET = 'Portafolio de servicios de la Red de Salud del Centro E.S.E.';
const RIGHTS_BOOKLET = 'Cartilla de derechos y deberes de los usuarios en salud';
const reported = (day: string) => new Date(`${day}T17:00:00-05:00`);

/**
 * Objective 6 of Red de Salud Centro's 2023 plan: awareness campaigns on social participation in
 * health through local media, social media and community activities; line 5 asks that they feature
 * the service portfolio. Reach figures are what each channel reported.
 */
const CENTRO_2023 = {
  id: demoRecordId('campaign', 'centro-2023-participar'),
  networkId: networkByCode('CENTRO')!.id,
  title: 'Participar también es cuidarnos',
  objective:
    'Sensibilizar a la población de las comunas 8 a 12 sobre la importancia de la participación social en salud y dar a conocer el portafolio de servicios.',
  audience: 'Usuarios de la Red de Salud Centro, asociaciones de usuarios y líderes comunitarios',
  startsOn: '2023-08-01',
  endsOn: '2023-11-30',
  activityId: demoActivityId('CENTRO-2023', 5),
};

const CENTRO_2023_PIECES: PieceSeed[] = [
  {
    channel: 'RADIO',
    title: 'Cuña "Su voz cuenta en salud"',
    outlet: 'Emisora comunitaria de la comuna 9',
    audience: 'Oyentes de las comunas 8 a 12',
    startsOn: '2023-08-07',
    endsOn: '2023-09-01',
    listeners: 12_000,
    reachReportedAt: reported('2023-09-05'),
  },
  {
    channel: 'SOCIAL_MEDIA',
    title: 'Serie de publicaciones sobre el portafolio de servicios',
    outlet: 'Facebook e Instagram de la Red de Salud Centro',
    startsOn: '2023-08-14',
    endsOn: '2023-10-31',
    peopleReached: 18_750,
    impressions: 45_300,
    reachReportedAt: reported('2023-11-03'),
    materialTitles: [PORTFOLIO_BOOKLET],
  },
  {
    channel: 'COMMUNITY_CHANNEL',
    title: 'Carteleras y perifoneo en el barrio Obrero',
    outlet: 'Centro de Salud Obrero y calles de la comuna 9',
    territoryCode: 'C09',
    startsOn: '2023-09-04',
    endsOn: '2023-09-15',
    peopleReached: 2_400,
    reachReportedAt: reported('2023-09-18'),
    materialTitles: [RIGHTS_BOOKLET],
  },
  {
    channel: 'PRINT',
    title: 'Folleto del portafolio de servicios',
    outlet: 'Sedes de la red y reuniones de la asociación de usuarios',
    startsOn: '2023-09-01',
    endsOn: '2023-11-30',
    peopleReached: 3_000,
    reachReportedAt: reported('2023-12-01'),
    materialTitles: [PORTFOLIO_BOOKLET],
  },
  {
    channel: 'EVENT',
    title: 'Feria de la participación en la jornada comunitaria',
    outlet: 'Parque de la Floresta, comuna 8',
    territoryCode: 'C08',
    startsOn: '2023-10-21',
    endsOn: '2023-10-21',
    peopleReached: 350,
    reachReportedAt: reported('2023-10-23'),
  },
];

/** Idempotent by stable id: the campaign and its pieces are added once. */
export async function seedCampaigns(db: EducationDb, author: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [campaign] = await tx
      .insert(campaigns)
      .values({ ...CENTRO_2023, createdBy: author })
      .onConflictDoNothing()
      .returning();
    if (!campaign) return;
    const titles = [...new Set(CENTRO_2023_PIECES.flatMap((p) => p.materialTitles ?? []))];
    const seededMaterials = await tx
      .select({ id: materials.id, title: materials.title })
      .from(materials)
      .where(and(eq(materials.createdBy, author), inArray(materials.title, titles)));
    const materialId = new Map(seededMaterials.map((m) => [m.title, m.id]));
    for (const { territoryCode, materialTitles = [], ...piece } of CENTRO_2023_PIECES) {
      const [row] = await tx
        .insert(campaignPieces)
        .values({
          ...piece,
          campaignId: campaign.id,
          territoryId: territoryCode ? territoryByCode(territoryCode)!.id : null,
        })
        .returning({ id: campaignPieces.id });
      const ids = materialTitles.flatMap((title) => materialId.get(title) ?? []);
      if (ids.length > 0) {
        await tx
          .insert(campaignPieceMaterials)
          .values(ids.map((id) => ({ pieceId: row!.id, materialId: id })));
      }
    }
  });
}
