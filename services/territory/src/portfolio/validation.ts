import { networkCode, optionalText, text, uuid, z } from '@participa/subgraph-kit';
import { serviceModality } from '../db/schema.ts';

const modality = z.enum(serviceModality.enumValues);

const offeringFields = {
  name: text(200),
  modality,
  description: optionalText(2000),
  schedule: text(500),
  howToRequest: text(1000),
  populationServed: text(500),
};

export const createServiceOfferingInput = z.object({ facilityId: uuid(), ...offeringFields });

/** Only the fields given change; the required ones cannot be cleared. */
export const updateServiceOfferingInput = z.object({
  id: uuid(),
  name: offeringFields.name.optional(),
  modality: modality.optional(),
  description: offeringFields.description,
  schedule: offeringFields.schedule.optional(),
  howToRequest: offeringFields.howToRequest.optional(),
  populationServed: offeringFields.populationServed.optional(),
});
export type UpdateServiceOfferingInput = z.output<typeof updateServiceOfferingInput>;

export const serviceOfferingFilter = z
  .object({
    search: z.string().trim().max(200).nullish(),
    networkCode: networkCode().nullish(),
    territoryId: uuid().nullish(),
    facilityId: uuid().nullish(),
    modality: modality.nullish(),
  })
  .nullish();

export const offeringId = uuid();
