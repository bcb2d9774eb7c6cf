import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import { t } from '../i18n';
import { Notice, TextInput } from './Form';

// Voice notes and pictures beside the child's words. They are alternatives to writing, never needed: everything here
// is optional, and writing stays the main way. They need a signal to be kept (uploaded); nothing of them is stored on
// the phone, and a kept one is fetched from the service (each fetch audited) and shown from a blob: address.

/** The longest voice note the recorder makes; the service also limits the bytes. */
export const VOICE_SECONDS = 180;
/** Pictures chosen from the phone are drawn again at most this big before they are sent, without their metadata. */
export const PICTURE_SIDE = 1600;

/** What to tell the child when a voice note or picture could not be kept, in their language where MySay knows why. */
export function problemText(e: unknown): string {
  if (e instanceof ApiError && e.status === 0) return t('attachment.offline');
  if (e instanceof ApiError && e.is('picture-too-large')) return t('picture.tooBig');
  if (e instanceof ApiError && e.is('busy')) return t('attachment.busy');
  if (e instanceof ApiError && e.is('too-many-uploads')) return t('attachment.tooMany');
  if (e instanceof ApiError && e.problem?.detail) return t('attachment.failed', { reason: e.problem.detail });
  return t('attachment.failed', { reason: t('common.tryAgain') });
}

/** A blob: address for a Blob, revoked when it is no longer shown. */
function useObjectUrl(blob: Blob | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return undefined;
    }
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  return url;
}

/** "1:05" */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The audio format this browser records in: WebM with Opus (Chromium, Firefox), else MP4 (Safari), else its own. */
export function recordingType(isSupported: (type: string) => boolean): string | undefined {
  return ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4', 'audio/ogg;codecs=opus'].find((type) => isSupported(type));
}

function canRecord(): boolean {
  return typeof window !== 'undefined' && typeof window.MediaRecorder !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}

type VoiceState =
  | { step: 'idle' }
  | { step: 'recording'; seconds: number }
  | { step: 'recorded'; blob: Blob }
  | { step: 'keeping'; blob: Blob };

/**
 * Record a voice note, listen back, keep it or record again; once kept, listen to it or delete it.
 * {@code id} is the kept voice note (named in the views); {@code onChange} names another, or none.
 */
export function VoiceNote({ id, base, fieldId, onChange }: { id: string | null | undefined; base: string; fieldId: string; onChange: (id: string | null) => void }) {
  const [state, setState] = useState<VoiceState>({ step: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [kept, setKept] = useState<Blob | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const recordedUrl = useObjectUrl(state.step === 'recorded' || state.step === 'keeping' ? state.blob : null);

  useEffect(() => () => {
    window.clearInterval(timer.current);
    if (recorder.current?.state === 'recording') recorder.current.stop();
  }, []);

  if (!canRecord()) {
    return <p class="hint">{t('voice.noMicrophone')}</p>;
  }

  const start = async () => {
    setError(null);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      setError(t('voice.noMicrophone'));
      return;
    }
    const type = recordingType((candidate) => MediaRecorder.isTypeSupported(candidate));
    const rec = new MediaRecorder(stream, type ? { mimeType: type, audioBitsPerSecond: 64000 } : undefined);
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => {
      if (e.data.size) chunks.push(e.data);
    };
    rec.onstop = () => {
      window.clearInterval(timer.current);
      stream.getTracks().forEach((track) => track.stop());
      setState({ step: 'recorded', blob: new Blob(chunks, { type: rec.mimeType || type || 'audio/webm' }) });
    };
    recorder.current = rec;
    rec.start(1000);
    const began = Date.now();
    setState({ step: 'recording', seconds: 0 });
    timer.current = window.setInterval(() => {
      const seconds = (Date.now() - began) / 1000;
      if (seconds >= VOICE_SECONDS) rec.stop();
      else setState({ step: 'recording', seconds });
    }, 500);
  };

  const keep = async (blob: Blob) => {
    setState({ step: 'keeping', blob });
    setError(null);
    try {
      const info = await api.uploadAttachment(base, blob);
      setKept(blob);
      setState({ step: 'idle' });
      onChange(info.id);
    } catch (e) {
      setError(problemText(e));
      setState({ step: 'recorded', blob });
    }
  };

  const remove = async () => {
    if (id) {
      // Deleted if it was never sent; a sent one stays with its version (409), and this version leaves it out.
      await api.deleteAttachment(base, id).catch(() => undefined);
    }
    setKept(null);
    onChange(null);
  };

  return (
    <div class="attachment-maker" id={fieldId}>
      <h2 class="heading-s">{t('voice.title')}</h2>
      <p class="hint">{t('voice.hint')}</p>
      {error && <p class="error-message" role="alert">{error}</p>}
      {id && state.step === 'idle' && (
        <>
          <Notice kind="success">{t('voice.kept')}</Notice>
          <KeptVoice base={base} id={id} local={kept} label={t('voice.listenBack')} playLabel={t('voice.play')} />
          <button type="button" class="button button-secondary" onClick={remove}>{t('voice.delete')}</button>
        </>
      )}
      {!id && state.step === 'idle' && (
        <button type="button" class="button button-secondary" onClick={start}>{t('voice.record')}</button>
      )}
      {state.step === 'recording' && (
        <>
          <p class="recording" role="timer">
            <span class="recording-dot" aria-hidden="true" /> {t('voice.recording', { time: clock(state.seconds), most: clock(VOICE_SECONDS) })}
          </p>
          <button type="button" class="button" onClick={() => recorder.current?.stop()}>{t('voice.stop')}</button>
        </>
      )}
      {(state.step === 'recorded' || state.step === 'keeping') && recordedUrl && (
        <>
          <audio class="audio" controls src={recordedUrl} aria-label={t('voice.listenBack')} />
          <div class="button-group">
            <button type="button" class="button" disabled={state.step === 'keeping'} onClick={() => keep(state.blob)}>{t('voice.keep')}</button>
            <button type="button" class="button button-secondary" disabled={state.step === 'keeping'} onClick={() => { setState({ step: 'idle' }); void start(); }}>{t('voice.again')}</button>
          </div>
          {state.step === 'keeping' && <p role="status">{t('voice.saving')}</p>}
        </>
      )}
    </div>
  );
}

/** A kept voice note: played from this phone's copy if there is one, else fetched (one audited play) when asked. */
export function KeptVoice({ base, id, local, label, playLabel }: { base: string; id: string; local?: Blob | null; label: string; playLabel: string }) {
  const [fetched, setFetched] = useState<Blob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const url = useObjectUrl(local ?? fetched);
  useEffect(() => setFetched(null), [id]);
  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      setFetched(await api.attachmentBlob(base, id));
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  if (url) return <audio class="audio" controls autoPlay={!local} src={url} aria-label={label} />;
  return (
    <>
      {error && <p class="error-message" role="alert">{error}</p>}
      <button type="button" class="button button-secondary" disabled={busy} onClick={load}>{playLabel}</button>
    </>
  );
}

/** A kept picture, fetched (one audited view) and shown with the child's words as its text alternative. */
export function KeptPicture({ base, id, local, alt }: { base: string; id: string; local?: Blob | null; alt: string }) {
  const [fetched, setFetched] = useState<Blob | null>(null);
  const [failed, setFailed] = useState(false);
  const url = useObjectUrl(local ?? fetched);
  useEffect(() => {
    if (local) return undefined;
    let current = true;
    setFailed(false);
    api.attachmentBlob(base, id).then((blob) => current && setFetched(blob), () => current && setFailed(true));
    return () => {
      current = false;
    };
  }, [base, id, local]);
  if (failed) return <p class="hint">{t('attachment.unavailable')}</p>;
  if (!url) return <p class="hint" role="status">{t('attachment.loading')}</p>;
  return <img class="picture" src={url} alt={alt} />;
}

const COLOURS = ['black', 'red', 'blue', 'green', 'orange', 'purple'] as const;
type Colour = (typeof COLOURS)[number];
const INK: Record<Colour, string> = { black: '#0b0c0c', red: '#d4351c', blue: '#1d70b8', green: '#00703c', orange: '#f47738', purple: '#4c2c92' };
const PEN = { thin: 4, thick: 14 } as const;
type Pen = keyof typeof PEN;
type Stroke = { colour: Colour; pen: Pen; points: [number, number][] };
const CANVAS_WIDTH = 640;
const CANVAS_HEIGHT = 480;

type PictureState =
  | { step: 'idle' }
  | { step: 'drawing' }
  | { step: 'chosen'; blob: Blob }
  | { step: 'keeping'; blob: Blob };

/**
 * Draw a picture (a few colours, two pens, undo, start again) or choose one from the phone (a photo of a drawing on
 * paper), then keep it; the child's words for what is in it are kept with the views and are its text alternative.
 * Drawing itself needs a finger, pen or mouse; every button works by keyboard, and writing is always there instead.
 */
export function PictureMaker({ id, text, textError, base, fieldId, onChange, onText }: {
  id: string | null | undefined;
  text: string;
  textError?: string;
  base: string;
  fieldId: string;
  onChange: (id: string | null) => void;
  onText: (text: string) => void;
}) {
  const [state, setState] = useState<PictureState>({ step: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [kept, setKept] = useState<Blob | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const chosenUrl = useObjectUrl(state.step === 'chosen' || state.step === 'keeping' ? state.blob : null);

  const keep = async (blob: Blob) => {
    setState({ step: 'keeping', blob });
    setError(null);
    try {
      const info = await api.uploadAttachment(base, blob);
      setKept(blob);
      setState({ step: 'idle' });
      onChange(info.id);
    } catch (e) {
      setError(problemText(e));
      setState({ step: 'chosen', blob });
    }
  };

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      setState({ step: 'chosen', blob: await redrawn(file) });
    } catch {
      setError(t('picture.unreadable'));
    }
  };

  const remove = async () => {
    if (id) await api.deleteAttachment(base, id).catch(() => undefined);
    setKept(null);
    onChange(null);
  };

  const words = (
    <TextInput id={`${fieldId}-text`} label={t('picture.text')} value={text} error={textError} onInput={onText} />
  );

  return (
    <div class="attachment-maker" id={fieldId}>
      <h2 class="heading-s">{t('picture.title')}</h2>
      <p class="hint">{t('picture.hint')}</p>
      {error && <p class="error-message" role="alert">{error}</p>}
      <input ref={fileInput} type="file" accept="image/png,image/jpeg" hidden tabIndex={-1}
        onChange={(e) => { void choose((e.target as HTMLInputElement).files?.[0]); (e.target as HTMLInputElement).value = ''; }} />
      {id && state.step === 'idle' && (
        <>
          <Notice kind="success">{t('picture.kept')}</Notice>
          <KeptPicture base={base} id={id} local={kept} alt={text.trim() || t('picture.alt')} />
          {words}
          <button type="button" class="button button-secondary" onClick={remove}>{t('picture.delete')}</button>
        </>
      )}
      {!id && state.step === 'idle' && (
        <div class="button-group">
          <button type="button" class="button button-secondary" onClick={() => setState({ step: 'drawing' })}>{t('picture.draw')}</button>
          <button type="button" class="button button-secondary" onClick={() => fileInput.current?.click()}>{t('picture.choose')}</button>
        </div>
      )}
      {state.step === 'drawing' && (
        <DrawingPad onDone={(blob) => setState(blob ? { step: 'chosen', blob } : { step: 'idle' })} />
      )}
      {(state.step === 'chosen' || state.step === 'keeping') && chosenUrl && (
        <>
          <img class="picture" src={chosenUrl} alt={text.trim() || t('picture.alt')} />
          {words}
          <div class="button-group">
            <button type="button" class="button" disabled={state.step === 'keeping'} onClick={() => keep(state.blob)}>{t('picture.keep')}</button>
            <button type="button" class="button button-secondary" disabled={state.step === 'keeping'} onClick={() => setState({ step: 'idle' })}>{t('picture.cancel')}</button>
          </div>
          {state.step === 'keeping' && <p role="status">{t('picture.saving')}</p>}
        </>
      )}
    </div>
  );
}

/** The drawing itself: strokes kept as points, so undo takes the last one away; a white page when it is kept. */
function DrawingPad({ onDone }: { onDone: (blob: Blob | null) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [strokes, setStrokes] = useState<Stroke[]>([]);
  const [colour, setColour] = useState<Colour>('black');
  const [pen, setPen] = useState<Pen>('thick');
  const current = useRef<Stroke | null>(null);

  const paint = (all: Stroke[]) => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, CANVAS_WIDTH, CANVAS_HEIGHT);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const stroke of all) {
      ctx.strokeStyle = INK[stroke.colour];
      ctx.fillStyle = INK[stroke.colour];
      ctx.lineWidth = PEN[stroke.pen];
      const [first, ...rest] = stroke.points;
      ctx.beginPath();
      if (!rest.length) {
        ctx.arc(first[0], first[1], PEN[stroke.pen] / 2, 0, Math.PI * 2);
        ctx.fill();
        continue;
      }
      ctx.moveTo(first[0], first[1]);
      for (const [x, y] of rest) ctx.lineTo(x, y);
      ctx.stroke();
    }
  };
  useEffect(() => paint(strokes), [strokes]);

  const at = (e: PointerEvent): [number, number] => {
    const box = canvas.current!.getBoundingClientRect();
    return [((e.clientX - box.left) / box.width) * CANVAS_WIDTH, ((e.clientY - box.top) / box.height) * CANVAS_HEIGHT];
  };
  const down = (e: PointerEvent) => {
    e.preventDefault();
    canvas.current?.setPointerCapture(e.pointerId);
    current.current = { colour, pen, points: [at(e)] };
    paint([...strokes, current.current]);
  };
  const move = (e: PointerEvent) => {
    if (!current.current) return;
    current.current.points.push(at(e));
    paint([...strokes, current.current]);
  };
  const up = () => {
    if (!current.current) return;
    const done = current.current;
    current.current = null;
    setStrokes([...strokes, done]);
  };

  return (
    <div class="drawing">
      <fieldset class="fieldset drawing-choices">
        <legend class="legend">{t('picture.colour')}</legend>
        <div class="swatches">
          {COLOURS.map((c) => (
            <label key={c} class={`swatch-choice${colour === c ? ' choice-checked' : ''}`}>
              <input type="radio" name="drawing-colour" value={c} checked={colour === c} onChange={() => setColour(c)} />
              <span class={`swatch swatch-${c}`} aria-hidden="true" />
              <span>{t(`picture.colour.${c}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset class="fieldset drawing-choices">
        <legend class="legend">{t('picture.pen')}</legend>
        <div class="swatches">
          {(['thin', 'thick'] as Pen[]).map((p) => (
            <label key={p} class={`swatch-choice${pen === p ? ' choice-checked' : ''}`}>
              <input type="radio" name="drawing-pen" value={p} checked={pen === p} onChange={() => setPen(p)} />
              <span>{t(`picture.pen.${p}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <canvas ref={canvas} class="drawing-canvas" width={CANVAS_WIDTH} height={CANVAS_HEIGHT} role="img"
        aria-label={t('picture.canvas')} onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerCancel={up} />
      <div class="button-group">
        <button type="button" class="button button-secondary" disabled={!strokes.length} onClick={() => setStrokes(strokes.slice(0, -1))}>{t('picture.undo')}</button>
        <button type="button" class="button button-secondary" disabled={!strokes.length} onClick={() => setStrokes([])}>{t('picture.clear')}</button>
      </div>
      <div class="button-group">
        <button type="button" class="button" disabled={!strokes.length}
          onClick={() => canvas.current?.toBlob((blob) => onDone(blob), 'image/png')}>{t('picture.done')}</button>
        <button type="button" class="button button-secondary" onClick={() => onDone(null)}>{t('picture.cancel')}</button>
      </div>
    </div>
  );
}

/**
 * A chosen picture drawn again on this phone, at most PICTURE_SIDE on a side: only its pixels leave the phone (no
 * EXIF, no location), already small. The service cleans it again whatever it receives.
 */
async function redrawn(file: File): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, PICTURE_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const type = file.type === 'image/png' ? 'image/png' : 'image/jpeg';
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no picture'))), type, 0.9));
}
