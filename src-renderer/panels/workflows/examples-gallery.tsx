import { Sparkles, Workflow as WorkflowIcon } from 'lucide-react';
import { useExamples } from '../../session/use-examples.ts';
import { exampleOpenId, LIBRARY_IDS } from '../../test-ids.ts';

/** The examples shipped with Operon, each with what it shows and a button that opens a copy (the example stays). */
export function ExamplesGallery({ onOpenCopy }: { onOpenCopy: (exampleId: string) => void }) {
  const { examples, error } = useExamples();
  if (error !== undefined) return <p className="error">The examples could not be listed: {error}</p>;
  if (examples === undefined) return <p className="muted">Loading the examples…</p>;
  if (examples.length === 0) return null;
  return (
    <section className="examples-gallery" aria-labelledby="examples-heading" data-testid={LIBRARY_IDS.examplesGallery}>
      <h2 id="examples-heading">Start from an example</h2>
      <ul>
        {examples.map((example) => (
          <li key={example.id} className="example-card">
            <div className="example-title">
              <WorkflowIcon size={16} aria-hidden />
              <h3>{example.name}</h3>
            </div>
            <p className="example-description">{example.description}</p>
            <div className="example-footer">
              <span className="muted">
                {example.nodes} {example.nodes === 1 ? 'node' : 'nodes'}
              </span>
              {example.needsModel && (
                <span className="example-badge" title="It calls a model: add a provider key (Model keys) to run it.">
                  <Sparkles size={12} aria-hidden /> Needs a model
                </span>
              )}
              <span className="spacer" />
              <button
                type="button"
                data-testid={exampleOpenId(example.id)}
                aria-label={`Open a copy of ${example.name}`}
                onClick={() => onOpenCopy(example.id)}
              >
                Open a copy
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
