import type { ReplayDiffLine, ReplayItem, ReplayView } from '../../../server/protocol/rest.ts';
import { StateBadge } from '../components/StateBadge.tsx';
import { Empty, ErrorBox, Loading } from '../components/Status.tsx';
import { formatDateTime } from '../time.ts';
import { useApi } from '../use-api.ts';
import './replay.css';

const VERB: Record<'create' | 'update' | 'delete', string> = { create: 'created', update: 'changed', delete: 'deleted' };

/** A session's replay: each change the learner made (when, by which tool, what, the diff)
 * and, between them, the objectives whose state changed as a result; the JSON to download. */
export function Replay({ sessionId }: { sessionId: string }) {
  const replay = useApi<ReplayView>(`/api/sessions/${encodeURIComponent(sessionId)}/replay`);
  const v = replay.data;
  return (
    <section className="page">
      <header className="page-head row">
        <div>
          <h1>Replay{v ? ` · ${v.exercise}` : ''}</h1>
          {v && (
            <p className="muted">
              Started {formatDateTime(v.startedAt)}
              {v.endedAt ? `, ended ${formatDateTime(v.endedAt)}` : ', still running'}. Changes made by the cluster itself are not shown: they are
              told apart by the tool that made them (its field manager), which a client can choose, so this is a record of what was done with the
              usual tools, not evidence.
            </p>
          )}
        </div>
        <div className="head-actions">
          <a className="btn btn-small" href={`/api/sessions/${encodeURIComponent(sessionId)}/replay?download=1`} download>
            Download JSON
          </a>
        </div>
      </header>
      {replay.error !== undefined && <ErrorBox error={replay.error} onRetry={replay.reload} />}
      {!v && replay.loading && <Loading what="Loading the replay" />}
      {v && v.dropped > 0 && (
        <p className="muted" role="note">
          {v.dropped} later {v.dropped === 1 ? 'change was' : 'changes were'} not recorded: a session keeps its first changes only.
        </p>
      )}
      {v && (
        <div className="replay-columns">
          <div>
            {v.items.length === 0 && <Empty title="Nothing happened yet">No change and no objective result was recorded in this session.</Empty>}
            {v.items.length > 0 && (
              <ol className="replay-timeline" aria-label="Timeline">
                {v.items.map((item, i) => (
                  <TimelineItem key={i} item={item} />
                ))}
              </ol>
            )}
          </div>
          <Solution v={v} />
        </div>
      )}
    </section>
  );
}

/** The reference solution beside the timeline, with this learner's values. */
function Solution({ v }: { v: ReplayView }) {
  if (!v.solution) return v.solutionHidden ? <aside className="card replay-solution muted" data-testid="solution-hidden">{v.solutionHidden}.</aside> : null;
  const s = v.solution;
  const values = Object.entries(s.values);
  return (
    <aside className="card replay-solution" data-testid="reference-solution" aria-label="Reference solution">
      <h2 className="section-title">Reference solution <span className="muted small">({s.name})</span></h2>
      {values.length > 0 && (
        <p className="small">
          With these values: {values.map(([k, val], i) => <span key={k}>{i > 0 && ', '}<code>${k}</code> = <code>{val}</code></span>)}
        </p>
      )}
      {s.manifests.map((m, i) => <pre key={i} className="replay-diff">{m}</pre>)}
      {s.script && <pre className="replay-diff">{s.script}</pre>}
    </aside>
  );
}

function TimelineItem({ item }: { item: ReplayItem }) {
  const time = <time className="replay-time" dateTime={item.at}>{new Date(item.at).toLocaleTimeString()}</time>;
  if (item.type === 'objective') {
    return (
      <li className="replay-objective" data-testid="replay-objective">
        {time} <StateBadge state={item.state} /> <strong>{item.objective}</strong> <span className="muted">{item.detail}</span>
      </li>
    );
  }
  const object = item.kind === 'File' ? item.name : `${item.kind} ${item.namespace ? `${item.namespace}/` : ''}${item.name}`;
  return (
    <li className="card replay-change" data-testid="replay-change">
      <div className="replay-head">
        {time}
        <span className="pill" title="field manager: the tool that made the change">{item.manager || 'unknown tool'}</span>
        <span>{VERB[item.verb]}</span>
        <span className="replay-object">{object}</span>
      </div>
      {item.diff.length > 0 && (
        <pre className="replay-diff">
          {item.diff.map((d, i) => (
            <DiffLine key={i} line={d} />
          ))}
          {item.more > 0 && <div className="muted">… {item.more} more</div>}
        </pre>
      )}
    </li>
  );
}

function DiffLine({ line }: { line: ReplayDiffLine }) {
  return (
    <div>
      {line.before !== undefined && <div className="del">- {line.path}: {line.before}</div>}
      {line.after !== undefined && <div className="add">+ {line.path}: {line.after}</div>}
    </div>
  );
}
