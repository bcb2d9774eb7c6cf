import { describe, expect, it } from 'vitest';
import { clock, problemText, recordingType, VOICE_SECONDS } from './Attachments';
import { ApiError } from '../api/client';
import en from '../i18n/en.json';
import { isAnswered, validate } from '../screens/Views';

describe('voice notes and pictures', () => {
  it('says recording times as minutes and seconds, up to three minutes', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(65.7)).toBe('1:05');
    expect(clock(VOICE_SECONDS)).toBe('3:00');
  });

  it('records WebM with Opus where the browser can (Chromium, Firefox), else MP4 (Safari)', () => {
    expect(recordingType(() => true)).toBe('audio/webm;codecs=opus');
    expect(recordingType((t) => t === 'audio/mp4')).toBe('audio/mp4');
    expect(recordingType(() => false)).toBeUndefined();
  });

  it('says in plain words why a picture or voice note could not be kept: too big, busy, too many this hour', () => {
    const refused = (status: number, type: string) => new ApiError(status, { type: `https://mysay.example/problems/${type}`, title: 'x', status, detail: 'English from the service' });
    expect(problemText(refused(422, 'picture-too-large'))).toBe(en['picture.tooBig']);
    expect(problemText(refused(503, 'busy'))).toBe(en['attachment.busy']);
    expect(problemText(refused(429, 'too-many-uploads'))).toBe(en['attachment.tooMany']);
    expect(problemText(new ApiError(0, null))).toBe(en['attachment.offline']);
  });

  it('counts a part with only a voice note or only a picture as answered', () => {
    const base = { authorship: { kind: 'CHILD' as const } };
    expect(isAnswered('worries', { ...base, worries: { text: null, parentsMaySee: false } })).toBe(false);
    expect(isAnswered('worries', { ...base, worries: { text: null, parentsMaySee: false, voiceNote: 'v' } })).toBe(true);
    expect(isAnswered('wishes', { ...base, wishes: { text: ' ', parentsMaySee: false, picture: 'p' } })).toBe(true);
  });

  it('keeps the words about a picture short', () => {
    const views = { authorship: { kind: 'CHILD' as const }, wishes: { text: null, parentsMaySee: false, picture: 'p', pictureText: 'x'.repeat(301) } };
    expect(validate('wishes', views).map((e) => e.field)).toEqual(['wishes-picture-text']);
    expect(validate('wishes', { ...views, wishes: { ...views.wishes, pictureText: 'My dog' } })).toEqual([]);
  });
});
