import { describe, expect, it } from 'vitest';
import { localPath } from '../../web/src/lib/server/forms.ts';

// `next` as the login page reads it: URLSearchParams has already decoded %09 into a tab.
const next = (query: string) => new URLSearchParams(query).get('next');

describe('after sign-in, only paths on this site', () => {
  it.each([
    ['next=/%09/evil.example'],
    ['next=//evil.example'],
    ['next=https://evil.example'],
    ['next=/%5Cevil.example'],
    ['next=%5C%5Cevil.example'],
    ['next=javascript:alert(1)'],
    ['next=/.//evil.example'],
    ['next=/%0A/evil.example'],
    ['next='],
    [''],
  ])('%s goes to /', (query) => {
    expect(localPath(next(query))).toBe('/');
  });

  it.each([
    ['next=/tasks', '/tasks'],
    ['next=%2Fplans%2Fabc%3Ftab%3D2', '/plans/abc?tab=2'],
    // Encoded slashes stay part of a path on this site.
    ['next=/%252F%252Fevil.example', '/%2F%2Fevil.example'],
  ])('%s goes to %s', (query, path) => {
    expect(localPath(next(query))).toBe(path);
  });
});
