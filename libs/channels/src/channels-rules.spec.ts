import {
  checkBody,
  checkClientId,
  checkEmoji,
  checkName,
  checkRetention,
  extractMentions,
  MESSAGE_MAX_LENGTH,
} from './channels-rules';

describe('channel rules', () => {
  it('accepts bodies up to the stated limit, counted in characters', () => {
    expect(checkBody('hola')).toEqual([]);
    expect(checkBody('é'.repeat(MESSAGE_MAX_LENGTH))).toEqual([]);
    expect(checkBody('😀'.repeat(MESSAGE_MAX_LENGTH))).toEqual([]);
    expect(checkBody('a'.repeat(MESSAGE_MAX_LENGTH + 1))).toEqual([
      { field: 'body', key: 'channels:bodyTooLong', params: { max: MESSAGE_MAX_LENGTH } },
    ]);
    expect(checkBody('   ')).toEqual([{ field: 'body', key: 'channels:bodyRequired' }]);
    expect(checkBody(42)).toEqual([{ field: 'body', key: 'channels:bodyRequired' }]);
  });

  it('accepts short client ids of safe characters only', () => {
    expect(checkClientId('c-1.a:b_2')).toEqual([]);
    expect(checkClientId('')).toHaveLength(1);
    expect(checkClientId('x'.repeat(65))).toHaveLength(1);
    expect(checkClientId('with space')).toHaveLength(1);
    expect(checkClientId({})).toHaveLength(1);
  });

  it('extracts each mentioned person once', () => {
    const a = '6f1c1d4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
    const b = '7f1c1d4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
    expect(extractMentions(`hi <@${a}> and <@${b.toUpperCase()}>, again <@${a}> and @nobody`)).toEqual([a, b]);
    expect(extractMentions('no mentions')).toEqual([]);
  });

  it('accepts emoji and refuses text as a reaction', () => {
    for (const ok of ['👍', '🇵🇾', '👩🏽‍💻', '❤️']) expect(checkEmoji(ok)).toEqual([]);
    for (const bad of ['', 'ok', '1', '<b>', ' 👍', 'x'.repeat(40)]) expect(checkEmoji(bad)).toHaveLength(1);
  });

  it('validates names and retention', () => {
    expect(checkName('Coordinación')).toEqual([]);
    expect(checkName(' ')).toHaveLength(1);
    expect(checkName('n'.repeat(101))).toHaveLength(1);
    expect(checkRetention(null)).toEqual([]);
    expect(checkRetention(30)).toEqual([]);
    expect(checkRetention(0)).toHaveLength(1);
    expect(checkRetention(1.5)).toHaveLength(1);
    expect(checkRetention(4000)).toHaveLength(1);
  });
});
