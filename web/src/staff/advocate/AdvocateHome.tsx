import { api } from '../../api/client';
import { formatDate } from '../../i18n';
import { Heading, Link, LoadState, useLoad } from '../common';
import { AttentionTags, ChildStatusList, conferenceTitle } from '../status';

/** The advocate's start: the children allocated to them, each coming conference, and where the child's views stand. */
export function AdvocateHome() {
  const { data, failed, reload } = useLoad(() => Promise.all([api.children(), api.conferences()]), []);
  if (!data || failed) return <LoadState failed={failed} loaded={!!data} what="Your children" reload={reload} />;
  const [children, conferences] = data;
  return (
    <>
      <Heading>My children</Heading>
      {children.length === 0 && <p>No children are allocated to you.</p>}
      {children.map((child) => {
        const upcoming = conferences.filter((c) => c.status === 'SCHEDULED' && c.children.some((x) => x.childId === child.id));
        return (
          <section class="card" key={child.id} aria-labelledby={`child-${child.id}`}>
            <h2 id={`child-${child.id}`} class="heading-m">{child.knownAs}</h2>
            {upcoming.length === 0 && <p>No conference is coming up.</p>}
            {upcoming.map((c) => {
              const status = c.children.find((x) => x.childId === child.id)!;
              return (
                <div key={c.id} class="advocate-conference">
                  <h3 class="heading-s">{conferenceTitle(c)}</h3>
                  <p>Views due {formatDate(c.viewsDue)}.</p>
                  <AttentionTags status={status} />
                  <ChildStatusList status={status} />
                  <Link href={`/staff/conferences/${c.id}/children/${child.id}/views`} class="button">Give views with or for {child.knownAs}</Link>
                </div>
              );
            })}
          </section>
        );
      })}
    </>
  );
}
