import { current, t, type Translator } from '../i18n';
import { decisionWords } from './decision';
import { go, home } from '../state/app';
import { useObservable } from '../state/observable';
import { waitingToSend } from '../state/session';
import type { ChildConference } from '../api/types';

export function Home() {
  const data = useObservable(home);
  if (!data) {
    return null;
  }
  return (
    <>
      <h1 class="heading-l" tabIndex={-1}>
        {t('home.hello', { name: data.knownAs })}
      </h1>
      {data.conferences.length === 0 && <p>{t('home.none')}</p>}
      {data.conferences.map((c) => (
        <ConferenceCard key={c.conferenceId} conference={c} />
      ))}
      <p>
        <button type="button" class="link-button" onClick={() => go({ name: 'about' })}>
          {t('home.about')}
        </button>
      </p>
    </>
  );
}

/**
 * One meeting as the child sees it; the workspace shows the same card as the chair's preview, with its own heading id
 * and in the child's language (tr), whatever language the page is in.
 */
export function ConferenceCard({ conference: c, headingId = `meeting-${c.conferenceId}`, tr }: { conference: ChildConference; headingId?: string; tr?: Translator }) {
  const { t, formatDate } = tr ?? current();
  const open = c.status === 'SCHEDULED';
  const waiting = useObservable(waitingToSend).has(c.conferenceId);
  const decided = decisionWords(c, tr ?? current());
  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId} class="heading-m">
        {t('home.meeting')}
      </h2>
      <p>{t('home.meetingOn', { date: formatDate(c.startsAt, true) })}</p>
      {decided.length > 0 && (
        <div class="decision">
          <h3 class="heading-s">{t('home.decision.title')}</h3>
          {decided.map((words, i) => (
            <p key={i}>{words}</p>
          ))}
        </div>
      )}
      {c.chairMessage && (
        <div class="chair-message">
          <h3 class="heading-s">{t('home.chairMessage')}</h3>
          {/* The chair may write in another language than the page's: the browser finds its direction from the words. */}
          <p class="words" dir="auto">{c.chairMessage}</p>
        </div>
      )}
      {c.status === 'CANCELLED' && <p>{t('home.cancelled')}</p>}
      {open && <p>{t('home.due', { date: formatDate(c.viewsDue) })}</p>}
      {open && c.viewsDueSoon && !waiting && <p class="notice">{t('home.dueSoon')}</p>}
      {waiting && (
        <p class="notice notice-warning" role="status">
          {t('home.pending')}
        </p>
      )}
      <ul class="status-list">
        {(c.sentVersion || !waiting) && (
          <li>
            {c.sentVersion
              ? t('home.sent', { date: formatDate(c.sentAt!, true) })
              : c.draftSaved
                ? t('home.draft')
                : t('home.notStarted')}
          </li>
        )}
        {c.sentVersion && (
          <li>
            {c.readByChairAt
              ? c.readByChairVersion === c.sentVersion
                ? t('home.read', { date: formatDate(c.readByChairAt) })
                : t('home.readEarlier', { date: formatDate(c.readByChairAt) })
              : t('home.notRead')}
          </li>
        )}
        {c.status === 'HELD' && <li>{t('home.held')}</li>}
      </ul>
      {open && (
        <button type="button" class="button" onClick={() => go({ name: 'views', conferenceId: c.conferenceId })}>
          {c.sentVersion || c.draftSaved || waiting ? t('home.change') : t('home.give')}
        </button>
      )}
    </section>
  );
}
