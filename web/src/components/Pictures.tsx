import type { TakingPartWay } from '../api/types';

/** Pictures are decoration beside words: hidden from screen readers, which read the words instead. */
type Props = { size?: number };

const stroke = { stroke: '#0b0c0c', 'stroke-width': 3, 'stroke-linecap': 'round', 'stroke-linejoin': 'round', fill: 'none' } as const;

function Svg({ size = 64, children }: { size?: number; children: preact.ComponentChildren }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false" class="picture">
      {children}
    </svg>
  );
}

function House({ size, roof, extra }: Props & { roof: string; extra: preact.ComponentChildren }) {
  return (
    <Svg size={size}>
      <path d="M10 30 L32 12 L54 30" {...stroke} />
      <path d="M10 30 L32 12 L54 30 Z" fill={roof} />
      <rect x="16" y="30" width="32" height="26" fill="#fff" {...{ stroke: '#0b0c0c', 'stroke-width': 3 }} />
      <rect x="28" y="42" width="8" height="14" fill="#0b0c0c" />
      {extra}
    </Svg>
  );
}

/** The three houses: good things (sunny), worries (a cloud), wishes (a star). */
export function GoodThingsHouse(props: Props) {
  return <House {...props} roof="#00703c" extra={<circle cx="52" cy="10" r="6" fill="#ffdd00" stroke="#0b0c0c" stroke-width="2" />} />;
}

export function WorriesHouse(props: Props) {
  return (
    <House
      {...props}
      roof="#d4351c"
      extra={<path d="M40 12 a5 5 0 0 1 9 -3 a5 5 0 0 1 9 4 a4 4 0 0 1 -1 8 h-16 a4 4 0 0 1 -1 -9 z" fill="#b1b4b6" stroke="#0b0c0c" stroke-width="2" />}
    />
  );
}

export function WishesHouse(props: Props) {
  return (
    <House
      {...props}
      roof="#1d70b8"
      extra={<path d="M52 3 l2.5 5.5 l6 .5 l-4.5 4 l1.5 6 l-5.5 -3 l-5.5 3 l1.5 -6 l-4.5 -4 l6 -.5 z" fill="#ffdd00" stroke="#0b0c0c" stroke-width="1.5" />}
    />
  );
}

/** A face from 0 (very sad) to 10 (very happy). */
export function Face({ score, size = 48 }: Props & { score: number }) {
  const curve = 44 + (score - 5) * 2.4;
  const colour = score <= 3 ? '#f4cdc6' : score <= 6 ? '#fff2a8' : '#cce2d8';
  return (
    <Svg size={size}>
      <circle cx="32" cy="32" r="27" fill={colour} stroke="#0b0c0c" stroke-width="3" />
      <circle cx="23" cy="26" r="3.5" fill="#0b0c0c" />
      <circle cx="41" cy="26" r="3.5" fill="#0b0c0c" />
      <path d={`M20 44 Q32 ${curve} 44 44`} {...stroke} />
    </Svg>
  );
}

export function Speaker({ size = 28 }: Props) {
  return (
    <Svg size={size}>
      <path d="M10 24 h10 l14 -12 v40 l-14 -12 h-10 z" fill="currentColor" />
      <path d="M42 22 q6 10 0 20 M48 16 q11 16 0 32" {...stroke} stroke="currentColor" />
    </Svg>
  );
}

const wayPaths: Record<TakingPartWay, preact.ComponentChildren> = {
  COME_TO_ALL: (
    <>
      <circle cx="20" cy="20" r="7" {...stroke} />
      <circle cx="44" cy="20" r="7" {...stroke} />
      <path d="M8 50 q12 -20 24 0 M32 50 q12 -20 24 0" {...stroke} />
    </>
  ),
  COME_TO_PART: (
    <>
      <circle cx="32" cy="32" r="24" {...stroke} />
      <path d="M32 32 V8 A24 24 0 0 1 56 32 Z" fill="#1d70b8" />
    </>
  ),
  COME_WITH_SUPPORTER: (
    <>
      <circle cx="22" cy="18" r="7" {...stroke} />
      <circle cx="44" cy="22" r="6" {...stroke} />
      <path d="M10 52 q12 -24 24 0 M34 52 q10 -20 20 0 M30 38 h8" {...stroke} />
    </>
  ),
  JOIN_BY_VIDEO: (
    <>
      <rect x="6" y="18" width="36" height="28" rx="4" {...stroke} />
      <path d="M42 28 l14 -8 v24 l-14 -8" {...stroke} />
    </>
  ),
  TALK_TO_CHAIR_BEFORE_BY_PHONE: <path d="M20 8 h24 v48 h-24 z M28 50 h8" {...stroke} />,
  TALK_TO_CHAIR_BEFORE_BY_EMAIL: (
    <>
      <rect x="8" y="16" width="48" height="32" rx="3" {...stroke} />
      <path d="M8 18 l24 18 l24 -18" {...stroke} />
    </>
  ),
  TALK_TO_CHAIR_BEFORE_FACE_TO_FACE: (
    <>
      <circle cx="18" cy="28" r="9" {...stroke} />
      <circle cx="46" cy="28" r="9" {...stroke} />
      <path d="M28 14 h8 M30 10 h4" {...stroke} />
    </>
  ),
  WRITE_SOMETHING_TO_BE_READ_OUT: <path d="M12 52 l6 -16 l28 -28 l10 10 l-28 28 z M18 36 l10 10" {...stroke} />,
  SOCIAL_WORKER_SHARES_MY_VIEWS: (
    <>
      <path d="M8 12 h40 v26 h-22 l-10 10 v-10 h-8 z" {...stroke} />
      <circle cx="50" cy="46" r="6" {...stroke} />
    </>
  ),
  ADVOCATE_SHARES_MY_VIEWS: (
    <>
      <path d="M8 12 h40 v26 h-22 l-10 10 v-10 h-8 z" {...stroke} />
      <path d="M46 40 l4 6 l8 -10" {...stroke} />
    </>
  ),
  SMALLER_MEETING_WITH_CHAIR: (
    <>
      <rect x="14" y="30" width="36" height="6" {...stroke} />
      <circle cx="22" cy="18" r="6" {...stroke} />
      <circle cx="42" cy="18" r="6" {...stroke} />
      <path d="M18 36 v16 M46 36 v16" {...stroke} />
    </>
  ),
  NOT_ATTENDING: (
    <>
      <circle cx="32" cy="32" r="24" {...stroke} />
      <path d="M15 49 L49 15" {...stroke} />
    </>
  ),
};

export function WayPicture({ way, size = 48 }: Props & { way: TakingPartWay }) {
  return <Svg size={size}>{wayPaths[way]}</Svg>;
}
