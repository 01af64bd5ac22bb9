/** Highest first. The numeric rank orders dispatch: a lower rank is always served first. */
export const PRIORITIES = ['FLASH_CRASH', 'URGENT', 'HIGH', 'NORMAL', 'LOW'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const PRIORITY_RANK: Readonly<Record<Priority, number>> = {
  FLASH_CRASH: 0,
  URGENT: 1,
  HIGH: 2,
  NORMAL: 3,
  LOW: 4,
};

export function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && value in PRIORITY_RANK;
}
