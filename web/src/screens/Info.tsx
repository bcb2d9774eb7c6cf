import { t } from '../i18n';
import { go, type AboutPage } from '../state/app';

const PAGES: AboutPage[] = ['why', 'who', 'what', 'after', 'ways', 'advocate', 'unhappy', 'help'];

export function About({ page }: { page?: AboutPage }) {
  if (page) {
    const index = PAGES.indexOf(page);
    const next = PAGES[index + 1];
    return (
      <>
        <h1 class="heading-l" tabIndex={-1}>
          {t(`about.${page}.title`)}
        </h1>
        {t(`about.${page}.body`).split('\n').map((paragraph, i) => (
          <p key={i}>{paragraph}</p>
        ))}
        <div class="button-group">
          {next && (
            <button type="button" class="button" onClick={() => go({ name: 'about', page: next })}>
              {t(`about.${next}.title`)}
            </button>
          )}
          <button type="button" class="button button-secondary" onClick={() => go({ name: 'about' })}>
            {t('common.back')}
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      <h1 class="heading-l" tabIndex={-1}>
        {t('about.title')}
      </h1>
      <p class="words-only">{t('about.intro')}</p>
      <ul class="link-list">
        {PAGES.map((p) => (
          <li key={p}>
            <button type="button" class="link-button" onClick={() => go({ name: 'about', page: p })}>
              {t(`about.${p}.title`)}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

export function Help() {
  return (
    <>
      <h1 class="heading-l" tabIndex={-1}>
        {t('help.title')}
      </h1>
      <p class="lead">{t('help.childline')}</p>
      <p>
        <a class="button" href="tel:08001111" dir="ltr">
          0800 1111
        </a>
      </p>
      <p>{t('help.danger')}</p>
      <p>{t('help.socialWorker')}</p>
    </>
  );
}
