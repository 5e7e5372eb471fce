// What the content manager needs beyond config.yml. Runs right after decap-cms.js, which defines
// window.CMS (and window.h, React's createElement) and starts the CMS once the page has loaded.
// A file of its own, not an inline <script>, so the CSP of /admin/ needs no 'unsafe-inline' for scripts.
(function () {
  'use strict';
  var CMS = window.CMS;
  var h = window.h;

  // ---- Messages ------------------------------------------------------------------------------
  // Decap shows a failed pattern as "<Label> didn't match the pattern: <message>."; the messages in
  // config.yml are whole sentences already, so show them alone.
  var en = CMS.getLocale('en');
  if (en && en.editor && en.editor.editorControlPane && en.editor.editorControlPane.widget) {
    en.editor.editorControlPane.widget.regexPattern = '%{pattern}';
    CMS.registerLocale('en', en);
  }

  // ---- Saving --------------------------------------------------------------------------------
  // A field the owner empties is saved as "" (lead: "", order: ""), and an emptied list as [],
  // which the site's schemas refuse or read differently ("areaServed: []" shows no places instead of
  // the cities from the settings). Emptied values are left out of the file instead, as if never
  // filled in. Lists inside settings.json are kept when empty: there "social": [] means "no links".
  // Entry data is Immutable.js: a Map has keySeq() but no push(); a List has both.
  function isMap(value) { return !!value && typeof value.keySeq === 'function' && typeof value.push !== 'function'; }
  function isList(value) { return !!value && typeof value.keySeq === 'function' && typeof value.push === 'function'; }
  function isEmpty(value, topLevel) {
    return value === '' || value === null || value === undefined || (topLevel && isList(value) && value.size === 0);
  }
  function withoutEmpty(value, topLevel) {
    if (isMap(value)) {
      return value.map(function (item) { return withoutEmpty(item, false); }).filter(function (item) { return !isEmpty(item, topLevel); });
    }
    if (isList(value)) return value.map(function (item) { return withoutEmpty(item, false); });
    return value;
  }
  CMS.registerEventListener({
    name: 'preSave',
    handler: function (args) {
      return withoutEmpty(args.entry.get('data'), true);
    },
  });

  // settings.json, written as the owner's file is laid out. Decap keeps entry data in Immutable.js
  // maps, which lose the order of more than 8 keys, and its json format puts every list on many
  // lines, so one change would rewrite the whole file. This format keeps the order of the file as
  // last read (new keys last), and its layout: a list of short words and an item of a list on one
  // line, every other block (a list of paragraphs too) over several lines, two spaces of
  // indentation, a final newline.
  var lastRead;
  function inOrder(value, template) {
    if (Array.isArray(value)) {
      return value.map(function (item, index) {
        return inOrder(item, Array.isArray(template) ? template[Math.min(index, template.length - 1)] : undefined);
      });
    }
    if (value === null || typeof value !== 'object') return value;
    var order = template && typeof template === 'object' && !Array.isArray(template) ? Object.keys(template) : [];
    var position = function (key) { return order.indexOf(key) === -1 ? order.length : order.indexOf(key); };
    var result = {};
    Object.keys(value)
      .sort(function (a, b) { return position(a) - position(b); })
      .forEach(function (key) { result[key] = inOrder(value[key], template ? template[key] : undefined); });
    return result;
  }
  function layout(value, indent, inList) {
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    var inner = indent + '  ';
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]';
      var objects = value.some(function (item) { return item !== null && typeof item === 'object' && !Array.isArray(item); });
      var short = value.every(function (item) { return typeof item !== 'string' || item.length <= 60; });
      if (!objects && short) return '[' + value.map(function (item) { return layout(item, inner, true); }).join(', ') + ']';
      return '[\n' + value.map(function (item) { return inner + layout(item, inner, true); }).join(',\n') + '\n' + indent + ']';
    }
    var keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    var pair = function (key) { return JSON.stringify(key) + ': ' + layout(value[key], inner, inList); };
    if (inList) return '{ ' + keys.map(pair).join(', ') + ' }';
    return '{\n' + keys.map(function (key) { return inner + pair(key); }).join(',\n') + '\n' + indent + '}';
  }
  CMS.registerCustomFormat('json-in-order', 'json', {
    fromFile: function (text) {
      lastRead = JSON.parse(text);
      return JSON.parse(text);
    },
    toFile: function (data) {
      return layout(inOrder(data, lastRead), '', false) + '\n';
    },
  });

  // ---- Preview -------------------------------------------------------------------------------
  // The site's own styles (src/pages/admin/preview.css.ts) and the shape of its pages, so an entry
  // being edited looks as it will on the site. {phone} and {email} stay as written here.
  CMS.registerPreviewStyle('/admin/preview.css');

  function text(entry, field) { return entry.getIn(['data', field]); }
  function page(children) { return h('div', { className: 'wrapper page' }, children); }
  function lead(value) { return value ? h('p', { className: 'lead' }, value) : null; }
  function list(items) {
    return items && items.size ? h('ul', null, items.map(function (item, index) { return h('li', { key: index }, item); }).toArray()) : null;
  }

  // The thank-you page's "What happens next", as the page shows it: a heading, then numbered steps.
  function nextSteps(value) {
    if (!value || !value.get('steps')) return null;
    return h('section', { className: 'prose' }, [
      h('h2', { key: 'h' }, value.get('heading')),
      h('ol', { key: 's' }, value.get('steps').map(function (step, index) {
        return h('li', { key: index }, [h('strong', { key: 't' }, step.get('title')), h('p', { key: 'p' }, step.get('text'))]);
      }).toArray()),
    ]);
  }
  function PagePreview(props) {
    var entry = props.entry;
    return page([
      h('h1', { key: 'h' }, text(entry, 'heading') || text(entry, 'title')),
      h('div', { key: 'l' }, lead(text(entry, 'lead'))),
      h('div', { key: 'n' }, nextSteps(text(entry, 'nextSteps'))),
      h('div', { key: 'b', className: 'prose' }, props.widgetFor('body')),
    ]);
  }
  function HomePreview(props) {
    var entry = props.entry;
    return page([
      h('div', { key: 'l' }, lead(text(entry, 'lead'))),
      h('h2', { key: 'h' }, text(entry, 'settingsHeading')),
      h('p', { key: 's' }, text(entry, 'settingsLead')),
      h('div', { key: 'b', className: 'prose' }, props.widgetFor('body')),
    ]);
  }
  function QuestionPreview(props) {
    return page(h('section', { className: 'question prose' }, [h('h2', { key: 'q' }, text(props.entry, 'question')), h('div', { key: 'a' }, props.widgetFor('body'))]));
  }
  function LocationPreview(props) {
    var entry = props.entry;
    return page([
      h('h1', { key: 'h' }, text(entry, 'title')),
      h('div', { key: 'l' }, lead(text(entry, 'summary'))),
      h('section', { key: 's', className: 'panel' }, list(text(entry, 'suits'))),
      h('div', { key: 'b', className: 'prose' }, props.widgetFor('body')),
    ]);
  }
  function TeamPreview(props) {
    var entry = props.entry;
    var photo = text(entry, 'photo');
    var credentials = text(entry, 'credentials');
    return page(
      h('article', { style: { display: 'flex', flexWrap: 'wrap', gap: '1.5rem', alignItems: 'start' } }, [
        photo ? h('img', { key: 'p', src: String(props.getAsset(photo)), alt: text(entry, 'photoAlt') || '', style: { width: '12rem', height: '12rem', objectFit: 'cover', borderRadius: 'var(--radius)' } }) : null,
        h('div', { key: 't' }, [
          h('h3', { key: 'n', style: { marginBlockStart: 0 } }, credentials ? text(entry, 'name') + ', ' + credentials : text(entry, 'name')),
          h('p', { key: 'r', style: { color: 'var(--color-text-muted)' } }, text(entry, 'role')),
          h('div', { key: 'b', className: 'prose' }, props.widgetFor('body')),
        ]),
      ]),
    );
  }

  // A page file's preview is registered under its name in config.yml; a page missing here gets Decap's plain preview.
  ['music-therapy', 'locations-page', 'faq-page', 'about', 'fees', 'contact', 'thanks', 'accessibility', 'privacy', 'not-found'].forEach(function (name) {
    CMS.registerPreviewTemplate(name, PagePreview);
  });
  CMS.registerPreviewTemplate('home', HomePreview);
  CMS.registerPreviewTemplate('faq', QuestionPreview);
  CMS.registerPreviewTemplate('locations', LocationPreview);
  CMS.registerPreviewTemplate('team', TeamPreview);
})();
