/**
 * Recording a round's spoken answers in the browser: this person's microphone on the left
 * channel and, in a call, what they hear (the others' audio) on the right, in one stereo
 * recording made of chunks of a few seconds. Keeping the two voices on their own channels
 * lets the review tell who spoke when. Where the chunks go (the server, or this browser
 * only) is the sink's business.
 */

/** A chunk is handed to the sink every this long. */
export const CHUNK_MS = 2_000;

/** The format recorded: Opus in WebM where the browser has it, else whatever it offers. */
function mimeType(): string {
  for (const type of ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'])
    if (MediaRecorder.isTypeSupported(type)) return type;
  return '';
}

export interface RecordingSink {
  /** Called once, before the first chunk, with the format and the start (server time). */
  start(info: { mimeType: string; startedAt: number }): Promise<void>;
  /** Each chunk in order, from 0; a failed write is the sink's to retry or report. */
  write(chunk: Blob, seq: number): Promise<void>;
  /** No more chunks. */
  finish(): Promise<void>;
}

export class AnswerRecorder {
  private readonly context = new AudioContext();
  private readonly merger = this.context.createChannelMerger(2);
  private readonly heard = new Map<MediaStream, MediaStreamAudioSourceNode>();
  private recorder: MediaRecorder | null = null;
  private writes: Promise<void> = Promise.resolve();
  private seq = 0;
  private mic: MediaStream | null = null;
  /** Bytes handed to the sink so far. */
  bytes = 0;

  constructor(
    private readonly sink: RecordingSink,
    private readonly onProblem: (message: string) => void,
  ) {}

  /**
   * Asks for the microphone and starts recording; `now` is the server's time. Should
   * anything fail, the microphone is let go before the error is passed on.
   */
  async start(now: () => number): Promise<void> {
    try {
      await this.begin(now);
    } catch (error) {
      for (const track of this.mic?.getTracks() ?? []) track.stop();
      await this.context.close().catch(() => undefined);
      throw error;
    }
  }

  private async begin(now: () => number): Promise<void> {
    this.mic = await navigator.mediaDevices.getUserMedia({ audio: true });
    this.context.createMediaStreamSource(this.mic).connect(this.merger, 0, 0);
    const destination = this.context.createMediaStreamDestination();
    destination.channelCount = 2;
    this.merger.connect(destination);
    await this.context.resume();
    const type = mimeType();
    const recorder = new MediaRecorder(destination.stream, type ? { mimeType: type } : {});
    this.recorder = recorder;
    await this.sink.start({
      mimeType: recorder.mimeType || type || 'audio/webm',
      startedAt: now(),
    });
    recorder.ondataavailable = (event) => {
      if (!event.data.size) return;
      const seq = this.seq++;
      this.bytes += event.data.size;
      this.writes = this.writes
        .then(() => this.sink.write(event.data, seq))
        .catch((error: Error) => this.onProblem(error.message));
    };
    recorder.start(CHUNK_MS);
  }

  /** Records what this person hears from these streams (the call's others), and no others. */
  hear(streams: readonly MediaStream[]): void {
    for (const [stream, source] of this.heard)
      if (!streams.includes(stream)) {
        source.disconnect();
        this.heard.delete(stream);
      }
    for (const stream of streams) {
      if (this.heard.has(stream) || !stream.getAudioTracks().length) continue;
      const source = this.context.createMediaStreamSource(stream);
      source.connect(this.merger, 0, 1);
      this.heard.set(stream, source);
    }
  }

  /** Stops recording; resolves once the last chunk is written. */
  async stop(): Promise<void> {
    const recorder = this.recorder;
    if (recorder && recorder.state !== 'inactive') {
      const stopped = new Promise((resolve) => recorder.addEventListener('stop', resolve));
      recorder.stop();
      await stopped;
    }
    for (const track of this.mic?.getTracks() ?? []) track.stop();
    await this.writes;
    await this.sink.finish().catch((error: Error) => this.onProblem(error.message));
    if (this.context.state !== 'closed') await this.context.close();
  }
}
