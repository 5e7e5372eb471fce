import { describe, expect, test } from 'vitest';
import { byOrder } from '../../../src/lib/content.ts';
import { addressLine, formatDays, formatHours, formatList, formatTime, mapUrl, telHref } from '../../../src/lib/format.ts';
import { faqJsonLd, jsonLd, markdownToText } from '../../../src/lib/structured-data.ts';

const entry = (id: string, order: number) => ({ id, data: { order } });

test('byOrder sorts by order, then by id so equal orders are stable', () => {
  const sorted = [entry('b', 2), entry('c', 1), entry('a', 2)].sort(byOrder).map((item) => item.id);
  expect(sorted).toEqual(['c', 'a', 'b']);
});

test.each([
  ['(801) 555-0142', 'tel:+18015550142'],
  ['801.555.0142', 'tel:+18015550142'],
  ['1-801-555-0142', 'tel:+18015550142'],
  ['+44 20 7946 0958', 'tel:+442079460958'],
])('telHref(%s) is %s', (phone, href) => {
  expect(telHref(phone)).toBe(href);
});

test.each([
  ['09:00', '9 a.m.'],
  ['18:00', '6 p.m.'],
  ['13:30', '1:30 p.m.'],
  ['12:00', 'noon'],
  ['00:00', 'midnight'],
  ['00:15', '12:15 a.m.'],
])('formatTime(%s) is %s', (time, text) => {
  expect(formatTime(time)).toBe(text);
});

test.each([
  [['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], 'Monday to Friday'],
  [['Friday', 'Monday', 'Wednesday'], 'Monday, Wednesday, and Friday'],
  [['Saturday'], 'Saturday'],
  [['Saturday', 'Sunday'], 'Saturday and Sunday'],
])('formatDays(%j) is %s', (days, text) => {
  expect(formatDays(days)).toBe(text);
});

test.each([
  [[], ''],
  [['Lehi'], 'Lehi'],
  [['Lehi', 'Alpine'], 'Lehi and Alpine'],
  [['Lehi', 'Highland', 'Alpine', 'Draper'], 'Lehi, Highland, Alpine, and Draper'],
])('formatList(%j) is %s', (items, text) => {
  expect(formatList(items)).toBe(text);
});

test('formatHours gives one line per opening', () => {
  expect(
    formatHours([
      { days: ['Monday', 'Tuesday', 'Wednesday'], opens: '09:00', closes: '17:30' },
      { days: ['Saturday'], opens: '10:00', closes: '12:00' },
    ]),
  ).toEqual(['Monday to Wednesday, 9 a.m. to 5:30 p.m.', 'Saturday, 10 a.m. to noon']);
});

test('jsonLd adds the schema.org context and cannot close its script element', () => {
  const text = jsonLd({ '@type': 'Thing', name: '</script><script>alert(1)</script>' });
  expect(text).not.toContain('</script>');
  expect(JSON.parse(text)).toEqual({ '@context': 'https://schema.org', '@type': 'Thing', name: '</script><script>alert(1)</script>' });
});

describe('map links', () => {
  const studioAddress = { street: '1 Main St', city: 'Lehi', region: 'UT', postalCode: '84043', country: 'US' };

  test('a map search for the address when the owner gave no link', () => {
    expect(addressLine(studioAddress)).toBe('1 Main St, Lehi, UT 84043');
    expect(mapUrl({ studioAddress })).toBe('https://www.google.com/maps/search/?api=1&query=1%20Main%20St%2C%20Lehi%2C%20UT%2084043');
  });

  test("the owner's own link when given", () => {
    expect(mapUrl({ studioAddress, mapUrl: 'https://maps.example.com/studio' })).toBe('https://maps.example.com/studio');
  });
});

test.each([
  ['Read [our fees](/fees/) first.', 'Read our fees first.'],
  ['The *Journal of Music Therapy* and **CBMT**.', 'The Journal of Music Therapy and CBMT.'],
  ['First paragraph.\n\nSecond\nline.', 'First paragraph. Second line.'],
  ['## Heading\n- one\n- two', 'Heading one two'],
  ['Journals such as *Music\nTherapy Perspectives* publish.', 'Journals such as Music Therapy Perspectives publish.'],
  ['![A drum](./drum.jpg) and `code`', 'A drum and code'],
])('markdownToText(%j)', (markdown, text) => {
  expect(markdownToText(markdown)).toBe(text);
});

test('faqJsonLd gives each question its answer as plain text', () => {
  expect(faqJsonLd([{ data: { question: 'Is it new?' }, body: 'No, see [our page](/a/).' }])).toEqual({
    '@type': 'FAQPage',
    mainEntity: [{ '@type': 'Question', name: 'Is it new?', acceptedAnswer: { '@type': 'Answer', text: 'No, see our page.' } }],
  });
});
