/// <reference lib="dom" />
/**
 * The SID's blips through WebAudio: each note the program starts (a gate-on event) becomes a
 * short pulse tone at the note's frequency. Browsers only allow sound after a person has
 * interacted with the page, so the context is created (or resumed) on the first key or click.
 *
 * @module
 */

/** Plays blips; does nothing until `unlock` was called from an input event. */
export class Blipper {
  enabled = true;
  /** Blips asked for (played or not: the page's tests count them). */
  count = 0;
  #ctx: AudioContext | undefined;
  #next = 0;

  /** Create or resume the audio context (call from a key or click handler). */
  unlock(): void {
    try {
      this.#ctx ??= new AudioContext();
      if (this.#ctx.state === "suspended") void this.#ctx.resume();
    } catch {
      this.#ctx = undefined; // no audio here: stay silent
    }
  }

  /** A short pulse tone of `hz` Hz, `delay` seconds from now (blips closer than 40 ms merge). */
  blip(hz: number, delay = 0): void {
    this.count++;
    const ctx = this.#ctx;
    if (!this.enabled || ctx === undefined || ctx.state !== "running") return;
    const at = Math.max(ctx.currentTime + delay, this.#next);
    if (at > ctx.currentTime + 1) return; // too far behind (fast mode): drop it
    this.#next = at + 0.04;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "square";
    osc.frequency.value = Math.min(4000, Math.max(60, hz));
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(0.12, at + 0.003);
    gain.gain.exponentialRampToValueAtTime(0.001, at + 0.07);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.08);
  }
}
