import { describe, expect, it } from 'vitest';
import { linkBase, loopLink } from '../../server/src/http/links';

describe('the links handed out for a loop', () => {
  it('start with PUBLIC_URL when it is set, whatever the request says', () => {
    expect(linkBase('https://mock.example.org', { protocol: 'javascript', host: 'evil' })).toBe(
      'https://mock.example.org',
    );
  });

  it('take only http or https from the request, never another scheme', () => {
    expect(linkBase(undefined, { protocol: 'https', host: 'mock.example.org' })).toBe(
      'https://mock.example.org',
    );
    for (const protocol of ['javascript', 'data', 'http', 'file', 'HTTPS'])
      expect(linkBase(undefined, { protocol, host: 'localhost:3000' })).toBe(
        'http://localhost:3000',
      );
  });

  it('refuse a Host header that is not a host name', () => {
    for (const host of [
      'localhost:3000',
      '127.0.0.1:8080',
      '[::1]:3000',
      'mock.example.org',
      'a-b.example',
    ])
      expect(linkBase(undefined, { protocol: 'http', host }), host).toBe(`http://${host}`);
    for (const host of [
      undefined,
      '',
      'evil.example/path',
      'evil.example@x',
      'a b',
      'x:99999999',
      '"><script>',
      'host#frag',
      '-bad.example',
    ])
      expect(linkBase(undefined, { protocol: 'http', host }), String(host)).toBeNull();
  });

  it('carry the token in the fragment, encoded', () => {
    expect(loopLink('https://m.example', 'ab/c', 't+k')).toBe(
      'https://m.example/loop/ab%2Fc#token=t%2Bk',
    );
  });
});
