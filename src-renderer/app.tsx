/** Placeholder page: the workflow editor arrives with the editor issue. */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: '2rem' }}>
      <h1>Operon</h1>
      <p>This window is a placeholder. The workflow editor arrives with the editor issue.</p>
    </main>
  );
}
