// demo/i18n.html?lang=de or ?lang=ar: the demo article's page in German or in Arabic
// (right to left), its comment section speaking the page's language from <html lang>,
// with comments in that language (and, in Arabic, names and words in Latin script).
// Used by scripts/screenshot.mjs for docs/screenshots/i18n-*.png.
import '../dist/define.js';
import {MemoryAdapter} from '../dist/adapters/memory.js';

const HOUR = 3600 * 1000;
const ago = (ms) => new Date(Date.now() - ms).toISOString();
const thread = 'demo/i18n';

const PAGES = {
  de: {
    dir: 'ltr',
    masthead: 'Die Laterne',
    title: 'Der Nachtzug ist zurück',
    dek: 'Zehn Jahre nachdem die Bahnen sie aufgegeben hatten, sind die Schlafwagen wieder ausgebucht.',
    body: 'Um zwanzig vor zehn an einem verregneten Dienstagabend schläft der Nachtzug nach Amsterdam schon halb.',
    comments: [
      [
        'Jürgen Bäcker',
        'Wir sind letztes Frühjahr mit zwei Kindern von Wien nach Hamburg gefahren. Der schönste Reisetag seit Jahren!',
        52,
      ],
      [
        'Anna-Lena Großmann',
        'Schön geschrieben, aber die Pünktlichkeit bleibt das eigentliche Problem: drei von fünf Fahrten über zwei Stunden zu spät.',
        30,
      ],
      ['Marek', 'Die Trassenpreise pro Kilometer sind für Nachtzüge wirklich absurd. Gut, dass das endlich jemand erklärt.', 2],
    ],
  },
  ar: {
    dir: 'rtl',
    masthead: 'الفانوس',
    title: 'عودة قطار الليل',
    dek: 'بعد عقد من التخلي عنها، عادت عربات النوم تمتلئ أسرع مما تُبنى العربات الجديدة.',
    body: 'في العاشرة إلا عشرين من مساء يوم ثلاثاء ممطر، كان قطار الليل المتجه إلى أمستردام نصف نائم بالفعل.',
    comments: [
      ['سارة الحسيني', 'ركبنا قطار فيينا–هامبورغ الليلي في الربيع الماضي مع طفلين، وكان أجمل يوم سفر منذ سنوات.', 52],
      ['Priya S', 'رحلة رائعة! I took the Nightjet too: 3 من أصل 5 رحلات تأخرت أكثر من ساعتين.', 30],
      ['كريم', 'رسوم استخدام السكك لكل كيلومتر (€) مرتفعة جدًا على قطارات الليل. شكرًا على الشرح.', 2],
    ],
  },
};

const lang = new URLSearchParams(location.search).get('lang') === 'ar' ? 'ar' : 'de';
const page = PAGES[lang];
document.documentElement.lang = lang;
document.documentElement.dir = page.dir;
document.title = page.title;
for (const id of ['masthead', 'title', 'dek', 'body']) document.getElementById(id).textContent = page[id];

const seed = {
  [thread]: page.comments.map(([name, body, hours], i) => ({
    id: `c-${i}`,
    threadId: thread,
    parentId: null,
    author: {name},
    body,
    createdAt: ago(hours * HOUR),
    status: 'published',
  })),
};
const comments = document.createElement('parley-comments');
comments.thread = thread;
comments.adapter = new MemoryAdapter({seed});
comments.noDrafts = true;
document.getElementById('comments').append(comments);
