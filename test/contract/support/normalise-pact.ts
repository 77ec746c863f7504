/**
 * A pact file reduced to what it promises, for comparing a generated file with the committed one:
 * `metadata` keeps only `pactSpecification` (the pact-js and pact-rust versions that wrote the file
 * go, so upgrading Pact alone is no drift), each interaction loses its `key` (a hash Pact computes
 * from the rest), and interactions are sorted by description and provider states (file order is
 * how Pact merged them, not part of the contract). Everything else must be equal.
 */
export function normalisePact(text: string): unknown {
  const pact = JSON.parse(text) as {
    metadata?: { pactSpecification?: unknown };
    interactions?: Record<string, unknown>[];
  };
  const interactions = (pact.interactions ?? [])
    .map(({ key: _key, ...interaction }) => interaction)
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  return {
    ...pact,
    metadata: { pactSpecification: pact.metadata?.pactSpecification },
    interactions,
  };
}

function sortKey(interaction: Record<string, unknown>): string {
  return `${interaction.description}\u0000${JSON.stringify(interaction.providerStates ?? [])}`;
}
