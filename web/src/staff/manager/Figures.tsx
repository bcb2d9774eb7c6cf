// Placeholder until the manager's figures page lands (being built on the `manager` branch).
export function Figures() {
  return <h1 class="heading-l" tabIndex={-1}>Participation figures</h1>;
}
