// Word auto-numbering (w:numPr) is rendered by Word at display time; mammoth drops the number.
export async function renderListNumbers(buffer: Buffer): Promise<Buffer> {
  return buffer;
}
