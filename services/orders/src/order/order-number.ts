// Human-readable order numbers: TC-<year>-<sequence, six digits or more>.
export function formatOrderNumber(createdAt: string, sequence: number): string {
  return `TC-${createdAt.slice(0, 4)}-${String(sequence).padStart(6, '0')}`;
}
