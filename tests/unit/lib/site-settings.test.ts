import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkSettings, getSiteSettings, loadSettingsFile, siteSettingsSchema } from '../../../src/lib/site-settings.ts';
import { COMPLETE_SETTINGS } from '../fixtures/site-settings.ts';

const valid = COMPLETE_SETTINGS;

test('the project settings pass their check, and every reader gets the same checked values', async () => {
  const file = await loadSettingsFile();
  expect(checkSettings(file).mistakes).toEqual([]);
  expect(await getSiteSettings()).toEqual(checkSettings(file).settings);
  expect(await getSiteSettings()).toMatchObject({ practiceName: 'Pure Progression Music Therapy', studioAddress: { city: 'Lehi' } });
});

test('complete settings are accepted, with defaults filled in', () => {
  expect(siteSettingsSchema.parse(valid)).toMatchObject({ social: [], examplesToReplace: [], studioAddress: { country: 'US' } });
});

describe('a wrong value gives one plain line naming the setting and the fix', () => {
  test.each([
    [{ phone: '555-0142' }, 'phone: Write the phone number with its area code, like "(801) 555-0142".'],
    [{ phone: '801-766-123' }, 'phone: Write the phone number with its area code, like "(801) 555-0142".'],
    [{ email: 'hello at example' }, 'email: The email address does not look right, e.g. "hello@yourpractice.com".'],
    [{ siteUrl: 'https://www.example.com/' }, 'siteUrl: The site URL must start with https:// and must not end with a slash.'],
    [{ siteUrl: 'http://www.example.com' }, 'siteUrl: The site URL must start with https:// and must not end with a slash.'],
    [{ hours: [{ days: ['Mon'], opens: '09:00', closes: '17:00' }] }, /^hours › item 1 › days › item 1: .*"Monday"/],
    [{ hours: [{ days: ['Monday'], opens: '9am', closes: '18:00' }] }, 'hours › item 1 › opens: Write opening time on the 24-hour clock, like "09:00".'],
    [{ studioAddress: { ...valid.studioAddress, postalCode: '8404' } }, 'studioAddress › postalCode: Use a five-digit ZIP code, like "84043".'],
    [{ examplesToReplace: ['fax'] }, /^examplesToReplace › item 1: .*"phone"/],
    [{ social: 'none' }, 'social: This should be a list in [ ].'],
    [{ phon: '(801) 555-0142' }, '"phon" is not a setting this site knows: check the spelling, or remove it.'],
    [{ tagline: undefined }, 'tagline: This setting is missing: add it.'],
    [{ menu: [{ label: 'FAQ', link: '/fee/' }] }, /^menu › item 1 › link: Choose one of the site's pages: \/, \/music-therapy\/, .*\/fees\/.*\.$/],
    [{ questionBox: { ...(valid.questionBox as object), callLabel: ' ' } }, 'questionBox › callLabel: Add the words for the call button.'],
    [{ labels: {} }, '"labels" is not a setting this site knows: check the spelling, or remove it.'],
    [{ replyTime: ' ' }, 'replyTime: Write when you reply to an inquiry, as it ends the sentence "We reply …", like "within two business days".'],
    [{ replyTime: undefined }, 'replyTime: This setting is missing: add it.'],
  ])('%j', (change, message) => {
    const { mistakes } = checkSettings({ site: { ...valid, ...change } });
    expect(mistakes).toHaveLength(1);
    expect(mistakes[0]).toMatch(/^src\/content\/settings\.json: /);
    const mistake = mistakes[0]?.slice('src/content/settings.json: '.length);
    if (typeof message === 'string') expect(mistake).toBe(message);
    else expect(mistake).toMatch(message);
  });

  test('settings that are not a block at all', () => {
    expect(checkSettings({ site: null }).mistakes).toEqual(['src/content/settings.json: This should be a block in { }.']);
    expect(checkSettings([]).mistakes).toEqual(['src/content/settings.json: the settings must sit inside one block named "site", as in { "site": { ... } }.']);
  });
});

describe('a typing mistake names the file, the line and column, and what to look for', () => {
  const stray = '{\n  "site": {\n    "practiceName": "Pure Progression Music Therapy",\n    "tagline": "Hope, connection and growth through music",,\n  }\n}\n';
  const expected = /^src\/content\/settings\.json has a typing mistake \(.*line 4 column 60.*\): look there.*comma/s;

  test('as Node reads the file (the config, npm run placeholders, the function)', async () => {
    const parse = async () => ({ default: JSON.parse(stray) as unknown });
    await expect(loadSettingsFile(parse)).rejects.toThrow(expected);
  });

  test('as Vite reads the file (the pages while npm start runs)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'settings-'));
    await writeFile(join(dir, 'settings.json'), stray);
    const load = () => import(/* @vite-ignore */ pathToFileURL(join(dir, 'settings.json')).href, { with: { type: 'json' } });
    await expect(loadSettingsFile(load)).rejects.toThrow(/^src\/content\/settings\.json has a typing mistake \(.*line:? 4.*\): look there.*comma/s);
    await rm(dir, { recursive: true, force: true });
  });
});
