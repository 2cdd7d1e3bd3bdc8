/** The app's own icon (web/public), also what the tab shows with nothing unread. */
export const BASE_FAVICON = '/favicon.svg';
const SIZE = 64;

let baseImage: Promise<HTMLImageElement> | undefined;

function loadBase(): Promise<HTMLImageElement> {
  baseImage ??= new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('favicon did not load'));
    image.src = BASE_FAVICON;
  });
  return baseImage;
}

/**
 * The icon with a red badge of the unread count ("9+" past nine), drawn on a canvas and handed out as a
 * PNG data URL — which the Content-Security-Policy allows (`img-src 'self' data:`), unlike a blob: URL.
 * Null when it cannot be drawn (no canvas); the tab title still counts.
 */
export async function badgedFavicon(count: number): Promise<string | null> {
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(await loadBase(), 0, 0, SIZE, SIZE);
  const radius = 19;
  const [x, y] = [SIZE - radius - 1, radius + 1];
  context.beginPath();
  context.arc(x, y, radius, 0, 2 * Math.PI);
  context.fillStyle = '#d92d20';
  context.fill();
  context.lineWidth = 3;
  context.strokeStyle = '#ffffff';
  context.stroke();
  context.fillStyle = '#ffffff';
  context.font = 'bold 26px system-ui, sans-serif';
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillText(count > 9 ? '9+' : String(count), x, y + 1);
  return canvas.toDataURL('image/png');
}
