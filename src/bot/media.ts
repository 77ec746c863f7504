import { encodePdf } from './pdf.js';
import { encodePng, type Rgb } from './png.js';

/** A file the sample bot serves, so its media work offline and in the simulator. */
export interface MediaFile {
  contentType: string;
  body: Buffer;
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  Math.round(a[0] + (b[0] - a[0]) * t),
  Math.round(a[1] + (b[1] - a[1]) * t),
  Math.round(a[2] + (b[2] - a[2]) * t),
];

/** A cup of coffee on a saucer, 480×320. */
function coffeePicture(): Buffer {
  const width = 480;
  const height = 320;
  return encodePng(width, height, (x, y) => {
    const background = mix([255, 236, 204], [255, 196, 140], y / height);
    const inSaucer = ((x - 240) / 170) ** 2 + ((y - 262) / 26) ** 2 <= 1;
    const inCup =
      x >= 150 &&
      x <= 330 &&
      y >= 110 &&
      y <= 255 &&
      ((x - 240) / 90) ** 2 + ((y - 110) / 170) ** 2 <= 1.05;
    const handle = ((x - 340) / 42) ** 2 + ((y - 165) / 40) ** 2;
    const inHandle = x > 320 && handle <= 1 && handle >= 0.45;
    const inCoffee = ((x - 240) / 88) ** 2 + ((y - 112) / 16) ** 2 <= 1;
    const steam = [200, 240, 280].some(
      (sx) => y >= 30 && y <= 92 && Math.abs(x - sx - 9 * Math.sin(y / 9)) <= 3,
    );
    if (inCoffee) return [92, 51, 23];
    if (inCup || inHandle) return mix([255, 255, 255], [222, 226, 230], (x - 150) / 200);
    if (inSaucer) return [238, 240, 242];
    if (steam) return mix(background, [255, 255, 255], 0.7);
    return background;
  });
}

function menuDocument(): Buffer {
  return encodePdf([
    'Sample Coffee Bar - Menu',
    'Espresso ............ 2.40',
    'Cappuccino .......... 3.20',
    'Flat white .......... 3.60',
    'Tea ................. 2.20',
    '',
    'Served by the botbuilder-adapter-messagebird-whatsapp sample bot.',
  ]);
}

/** Files by name, as the bot's HTTP app looks them up. */
export type MediaFiles = Pick<ReadonlyMap<string, MediaFile>, 'get'>;

const SAMPLE_FILES: Record<string, () => MediaFile> = {
  'coffee.png': () => ({ contentType: 'image/png', body: coffeePicture() }),
  'menu.pdf': () => ({ contentType: 'application/pdf', body: menuDocument() }),
};

/**
 * The sample bot's files by name: `coffee.png` and `menu.pdf`, each made when first asked for
 * (drawing the picture takes tens of milliseconds, which `npm start` need not wait for).
 */
export function sampleMedia(): MediaFiles {
  const made = new Map<string, MediaFile>();
  return {
    get(name) {
      if (!Object.hasOwn(SAMPLE_FILES, name)) return undefined;
      let file = made.get(name);
      if (!file) {
        file = (SAMPLE_FILES[name] as () => MediaFile)();
        made.set(name, file);
      }
      return file;
    },
  };
}
