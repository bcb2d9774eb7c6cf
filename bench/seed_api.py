#!/usr/bin/env python3
"""Signs the benchmark children in through the API (redeem the invitation, choose a PIN), has the measured chair's
caseload send their views (1 to 4 versions each, so they are encrypted by the app under this run's key), moves the
conferences planned in the past to HELD, and signs the chairs in. Writes into OUT:
  senders.txt   one line per sending child: session token and conference id (for wrk's send.lua)
  chair.token   the measured chair's session token;  summary.id   the conference whose pack is measured
Usage: seed_api.py BASE_URL OUT FAMILIES SENDERS   (PG* variables for psql)"""
import http.client, json, random, subprocess, sys, uuid, urllib.parse
from concurrent.futures import ThreadPoolExecutor

base, out, families, senders = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
url = urllib.parse.urlparse(base)
PASSWORD = 'bench-password-1'
WORDS = ('football with Sami after school and my nan makes pancakes on Sunday when we visit her and I like my new '
         'teacher because she listens to me and I got a star for reading I worry when mum and dad shout at night and '
         'I cannot sleep and I do not want to move school again I wish I could see my brother more often and have my '
         'own room and that everyone would stop arguing').split()


def text(rng, lo, hi):
    n = rng.randint(lo, hi)
    s = []
    while sum(len(w) + 1 for w in s) < n:
        s.append(rng.choice(WORDS))
    return ' '.join(s)[:n].strip()


def views(rng):
    """A child's views with realistic lengths: a few sentences each, like the seeded rows."""
    content = {
        'goodThings': {'text': text(rng, 60, 500), 'parentsMaySee': rng.random() < 0.5},
        'worries': {'text': text(rng, 60, 500), 'parentsMaySee': rng.random() < 0.3},
        'wishes': {'text': text(rng, 60, 500), 'parentsMaySee': rng.random() < 0.5},
        'safety': {'score': rng.randint(2, 10), 'parentsMaySee': rng.random() < 0.5},
        'takingPart': {'ways': ['COME_TO_PART', 'JOIN_BY_VIDEO'], 'whoWithMe': text(rng, 20, 60), 'parentsMaySee': True},
        'advocate': {'choice': 'HAVE_ONE', 'parentsMaySee': True},
        'questions': {'text': text(rng, 40, 200), 'parentsMaySee': False},
        'authorship': {'kind': 'CHILD'},
    }
    if rng.random() < 0.33:
        content['tellChairFirst'] = {'text': text(rng, 40, 300), 'parentsMaySee': False}
    return content


def call(method, path, body=None, cookie=None, extra=None):
    conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=60)
    headers = {'Content-Type': 'application/json', 'X-MySay-Request': '1'}
    if cookie:
        headers['Cookie'] = cookie
    headers.update(extra or {})
    conn.request(method, path, json.dumps(body) if body is not None else None, headers)
    r = conn.getresponse()
    data = r.read()
    if r.status >= 300:
        raise RuntimeError(f'{method} {path}: {r.status} {data[:300]!r}')
    cookies = [v for k, v in r.getheaders() if k.lower() == 'set-cookie']
    conn.close()
    return (json.loads(data) if data else None), cookies


def session_cookie(cookies):
    """The session token is only in the HttpOnly cookie, never in a body."""
    return next(c.split(';')[0] for c in cookies if c.startswith('mysay_session='))


def sign_in_child(code):
    _, cookies = call('POST', '/api/child/redeem', {'code': code})
    device = next(c.split(';')[0] for c in cookies if c.startswith('mysay_device='))
    _, cookies = call('POST', '/api/child/pin', {'pin': '2580'}, cookie=device)
    return session_cookie(cookies)


def psql(sql):
    return subprocess.run(['psql', '-XAt', '-F', ' ', '-v', 'ON_ERROR_STOP=1', '-c', sql], check=True,
                          capture_output=True, text=True).stdout.split('\n')


def bid(prefix, n):
    return f'{prefix}000000-0000-4000-8000-{n:012d}'


caseload = [line.split() for line in psql('select n, f from bench_child order by n') if line]
with ThreadPoolExecutor(4) as pool:
    sender_tokens = list(pool.map(lambda n: sign_in_child(f'BENCH{100000 + n:015d}'), range(1, senders + 1)))
    child_tokens = list(pool.map(lambda c: sign_in_child(f'BENCH{int(c[0]):015d}'), caseload))

    def send_versions(job):
        (n, f), token = job
        rng = random.Random(int(n))
        sent = 0
        for conference in (bid('c2', 2 * int(f) - 1), bid('c2', 2 * int(f))):
            for _ in range(rng.randint(1, 4)):
                call('POST', f'/api/child/conferences/{conference}/views/send', views(rng), cookie=token,
                     extra={'Idempotency-Key': str(uuid.uuid4())})
                sent += 1
        return sent
    sent = sum(pool.map(send_versions, zip(caseload, child_tokens)))
    # Every sender has sent once (pgbench's script reads the newest version), as a child re-sending would have.
    list(pool.map(lambda n: call('POST', f'/api/child/conferences/{bid("d2", (n + 1) // 2)}/views/send',
                                 views(random.Random(n)), cookie=sender_tokens[n - 1],
                                 extra={'Idempotency-Key': str(uuid.uuid4())}), range(1, senders + 1)))

# The conferences planned in the past happened: move them there, HELD and read by the chair.
psql("""update conference k set starts_at = b.planned_at, views_due = (b.planned_at - interval '3 days')::date,
            status = case when b.planned_at < now() then 'HELD' else 'SCHEDULED' end,
            decided_at = case when b.planned_at < now() then b.planned_at + interval '2 hours' end
        from bench_conference b where b.id = k.id;
        update conference_child l set chair_read_at = k.starts_at - interval '1 day',
            chair_read_version = (select max(version) from views v where v.conference_id = l.conference_id
                                  and v.child_id = l.child_id and v.status = 'SENT')
        from conference k where k.id = l.conference_id and k.status = 'HELD';
        analyze conference; analyze conference_child; analyze views;""")

_, chair = call('POST', '/api/auth/sign-in', {'email': 'bench.chair@mysay.bench', 'password': PASSWORD})
with open(f'{out}/chair.token', 'w') as f:
    f.write(session_cookie(chair) + '\n')
with open(f'{out}/summary.id', 'w') as f:
    f.write(bid('c2', 2) + '\n')  # family 1's review: upcoming, three children, a safety trend from the initial one
with open(f'{out}/senders.txt', 'w') as f:
    for n, token in enumerate(sender_tokens, 1):
        f.write(f'{token} {bid("d2", (n + 1) // 2)}\n')
print(f'signed in {senders} senders and {len(caseload)} caseload children; the caseload sent {sent} versions')
