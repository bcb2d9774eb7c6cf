export function App() {
  return (
    <main class="page">
      <h1>MySay</h1>
      <p>Say what you think, in your own words.</p>
    </main>
  );
}
