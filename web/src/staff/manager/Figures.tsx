import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client';
import type { Figures as FiguresData } from '../../api/types';
import { ErrorSummary, TextInput, fieldError } from '../../components/Form';
import { Heading, LoadState, errorsFrom } from '../common';
import {
  ADVOCATE_CHOICES, AGE_BANDS, ROUTES, WAYS, barWidth, checkRange, dayLabel, hoursText, monthLabel, percentText,
  type FieldError,
} from './figures';

/** The manager's start: how children took part, as figures only. No child's name, reference or words is ever here. */
export function Figures() {
  const [figures, setFigures] = useState<FiguresData | null>(null);
  const [failed, setFailed] = useState<ApiError | null>(null);
  const [form, setForm] = useState({ from: '', to: '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  const load = async (from?: string, to?: string) => {
    setBusy(true);
    try {
      const found = await api.figures(from, to);
      setFigures(found);
      setFailed(null);
      setForm({ from: found.from, to: found.to });
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) setErrors(errorsFrom(err, 'from'));
      else if (figures) setErrors(errorsFrom(err, 'from'));
      else setFailed(err instanceof ApiError ? err : new ApiError(0, null));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void load();
  }, []);

  if (!figures) return <LoadState failed={failed} loaded={false} what="The figures" reload={() => void load()} />;

  const submit = (e: Event) => {
    e.preventDefault();
    const found = checkRange(form.from, form.to);
    setErrors(found);
    if (!found.length) void load(form.from, form.to);
  };

  return (
    <>
      <Heading>Participation figures</Heading>
      <p class="lead">How children took part in their conferences. Figures only: no child's name or words.</p>
      <form class="figures-range no-print" onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} />
        <h2 class="heading-m">Dates</h2>
        <p class="hint">Conferences that started on these days, not counting cancelled ones. At most 5 years.</p>
        <div class="field-pair">
          <TextInput id="from" label="From" type="date" value={form.from} error={fieldError(errors, 'from')}
            onInput={(from) => setForm({ ...form, from })} />
          <TextInput id="to" label="To" type="date" value={form.to} error={fieldError(errors, 'to')}
            onInput={(to) => setForm({ ...form, to })} />
        </div>
        <button type="submit" class="button" disabled={busy}>Show figures</button>
      </form>
      <FiguresReport f={figures} />
    </>
  );
}

function FiguresReport({ f }: { f: FiguresData }) {
  const { places, placesWithViews } = f.totals;
  return (
    <>
      <p role="status" class="figures-range-shown">
        From {dayLabel(f.from)} to {dayLabel(f.to)}.
      </p>
      <dl class="headline-figures">
        <div>
          <dt>Conferences</dt>
          <dd>{f.totals.conferences}</dd>
        </div>
        <div>
          <dt>Children at them</dt>
          <dd>{places}</dd>
        </div>
        <div>
          <dt>With the child's views</dt>
          <dd>{placesWithViews} <span class="headline-share">({percentText(placesWithViews, places)})</span></dd>
        </div>
      </dl>
      <p class="hint">A child counts once for each conference about them. Views count if any were sent; the newest version is the one counted.</p>
      {places === 0 ? <p>There were no conferences on these days.</p> : (
        <>
          <section class="figure-section" aria-labelledby="by-age">
            <h2 id="by-age" class="heading-m">Views by age</h2>
            <p class="hint">Age on the day of the conference. How many children in each age group sent views.</p>
            <BarChart caption="Views by age" columns={['Age', 'Children', 'With views', 'Share']}
              rows={f.byAgeBand.map((b) => ({
                label: AGE_BANDS[b.ageBand],
                width: barWidth(b.placesWithViews, b.places),
                text: b.places === 0 ? 'none' : `${b.placesWithViews} of ${b.places} (${percentText(b.placesWithViews, b.places)})`,
                cells: [String(b.places), String(b.placesWithViews), percentText(b.placesWithViews, b.places)],
              }))} />
          </section>

          <section class="figure-section" aria-labelledby="by-route">
            <h2 id="by-route" class="heading-m">How the views were given</h2>
            <p class="hint">Out of the {placesWithViews} with views: who wrote the newest version.</p>
            <BarChart caption="How the views were given" columns={['Given', 'Children', 'Share']}
              rows={f.byRoute.map((r) => counted(ROUTES[r.route], r.places, placesWithViews))} />
          </section>

          <section class="figure-section" aria-labelledby="taking-part">
            <h2 id="taking-part" class="heading-m">How children want to take part</h2>
            <p class="hint">Out of the {placesWithViews} with views. A child may choose more than one way.</p>
            <BarChart caption="How children want to take part" columns={['Way', 'Children', 'Share']}
              rows={f.attendance.ways.map((w) => counted(WAYS[w.way], w.places, placesWithViews))} />
            <p>Chose no way: {f.attendance.noWayChosen}.</p>
          </section>

          <section class="figure-section" aria-labelledby="advocates">
            <h2 id="advocates" class="heading-m">Advocates</h2>
            <p class="hint">Out of the {placesWithViews} with views: what the child said about having an advocate.</p>
            <BarChart caption="Advocates" columns={['Said', 'Children', 'Share']}
              rows={f.advocate.choices.map((c) => counted(ADVOCATE_CHOICES[c.choice], c.places, placesWithViews))} />
            <p>Did not say: {f.advocate.notAnswered}.</p>
          </section>

          <section class="figure-section" aria-labelledby="chair-reading">
            <h2 id="chair-reading" class="heading-m">Time for the chair to read the views</h2>
            <p class="hint">From the newest views being sent to the chair marking them read.</p>
            <dl class="facts">
              <div><dt>Half were read within</dt><dd>{hoursText(f.chairReading.medianHours)} <span class="caption">(median)</span></dd></div>
              <div><dt>9 in 10 were read within</dt><dd>{hoursText(f.chairReading.percentile90Hours)} <span class="caption">(90th percentile)</span></dd></div>
              <div><dt>Marked read</dt><dd>{f.chairReading.read}</dd></div>
              <div><dt>Not marked read yet</dt><dd>{f.chairReading.unread}</dd></div>
            </dl>
          </section>

          <section class="figure-section" aria-labelledby="heard-back">
            <h2 id="heard-back" class="heading-m">Heard back from the chair</h2>
            <p class="hint">Children at conferences that have been held, and how many got a message from the chair.</p>
            <BarChart caption="Heard back from the chair" columns={['', 'Children', 'Share']}
              rows={[counted('Got a message', f.heardBack.withMessage, f.heardBack.placesAtHeldConferences),
                counted('No message yet', f.heardBack.placesAtHeldConferences - f.heardBack.withMessage,
                  f.heardBack.placesAtHeldConferences)]} />
          </section>
        </>
      )}

      <section class="figure-section" aria-labelledby="by-month">
        <h2 id="by-month" class="heading-m">Month by month</h2>
        <p class="hint">Children at conferences each month. The darker part of each bar is those with views.</p>
        <BarChart caption="Month by month" columns={['Month', 'Children', 'With views', 'Share']}
          rows={f.months.map((m) => {
            const most = Math.max(1, ...f.months.map((x) => x.places));
            return {
              label: monthLabel(m.month),
              width: barWidth(m.places, most),
              part: barWidth(m.placesWithViews, m.places),
              text: m.places === 0 ? 'none' : `${m.placesWithViews} of ${m.places} (${percentText(m.placesWithViews, m.places)})`,
              cells: [String(m.places), String(m.placesWithViews), percentText(m.placesWithViews, m.places)],
            };
          })} />
      </section>
    </>
  );
}

type Bar = { label: string; width: number; part?: number; text: string; cells: string[] };

function counted(label: string, value: number, whole: number): Bar {
  const share = percentText(value, whole);
  return { label, width: barWidth(value, whole), text: `${value} (${share})`, cells: [String(value), share] };
}

/**
 * Horizontal bars drawn with CSS: each bar's number and share are written next to it, the bars themselves are hidden
 * from screen readers, and the same figures are there as a table.
 */
function BarChart({ caption, columns, rows }: { caption: string; columns: string[]; rows: Bar[] }) {
  return (
    <>
      <ul class="bar-chart">
        {rows.map((r) => (
          <li key={r.label}>
            <span class="bar-label">{r.label}</span>
            <span class="bar-track" aria-hidden="true">
              {/* Preact sets these widths through element.style (the CSSOM), which the Content-Security-Policy allows;
                  a style attribute written in HTML would need 'unsafe-inline'. */}
              <span class="bar" style={{ width: `${r.width}%` }}>
                {r.part !== undefined && <span class="bar-part" style={{ width: `${r.part}%` }} />}
              </span>
            </span>
            <span class="bar-value">{r.text}</span>
          </li>
        ))}
      </ul>
      <details class="chart-table">
        <summary>Show as a table<span class="visually-hidden">: {caption}</span></summary>
        <table class="table">
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>{columns.map((c, i) => <th key={i} scope="col">{c || <span class="visually-hidden">What</span>}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                {r.cells.map((cell, i) => <td key={i} data-label={columns[i + 1]}>{cell}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
