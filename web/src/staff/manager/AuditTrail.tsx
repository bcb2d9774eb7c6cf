// Placeholder until the audit trail page lands (being built on the `manager` branch).
export function AuditTrail() {
  return <h1 class="heading-l" tabIndex={-1}>Audit trail</h1>;
}
