import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Mode, Role } from '@mockloop/shared/loop/state';
import { Call, type CallView, type PeerView } from '@/lib/call';
import { setActiveCall } from '@/lib/active-call';
import { callPrefs, rememberCallPrefs } from '@/lib/device';
import { callWords, linkWords, problemWords } from './call-words';
import './call.css';

/**
 * The built-in call of a paired loop, docked above the round: join and leave, mute, camera,
 * devices, who is speaking, and the connection in words. Small tiles, in the page's flow,
 * so they never cover the workspace; they can be hidden, and "Keep in view" docks the bar
 * to the top of the window while the page scrolls under it. Everything else works without
 * the call.
 */
export function CallPanel({ loopId, role, mode }: { loopId: string; role: Role; mode: Mode }) {
  const [call, setCall] = useState<Call | null>(null);
  useEffect(() => {
    const created = new Call(loopId, role, mode);
    setCall(created);
    setActiveCall(created);
    return () => {
      setActiveCall(null);
      created.dispose();
    };
  }, [loopId, role, mode]);
  return call ? <CallControls call={call} role={role} /> : null;
}

function CallControls({ call, role }: { call: Call; role: Role }) {
  const view = useSyncExternalStore(call.subscribe, call.view);
  const [tiles, setTiles] = useState(true);
  const [keepInView, setKeepInView] = useState(() => callPrefs().keepInView);
  const toggleKeepInView = () => {
    rememberCallPrefs({ keepInView: !keepInView });
    setKeepInView(!keepInView);
  };
  const unreachable = view.peers.filter((p) => p.state === 'unreachable');
  const talking = view.sends && !view.listenOnly;
  return (
    <section
      className={`panel call${keepInView ? ' call--in-view' : ''}`}
      aria-labelledby="call-title"
      data-testid="call"
      data-status={view.status}
    >
      <div className="call__bar">
        <h2 className="call__title" id="call-title">
          Call
        </h2>
        <p className="call__state" role="status" data-testid="call-state">
          {callWords(view, role)}
        </p>
        <div className="call__controls">
          {view.status === 'off' ? (
            <button
              type="button"
              className="button button--primary"
              onClick={() => void call.join()}
            >
              {view.sends ? 'Join the call' : 'Listen in'}
            </button>
          ) : (
            <>
              {talking && (
                <button type="button" className="button" onClick={() => call.setMuted(!view.muted)}>
                  {view.muted ? 'Unmute' : 'Mute'}
                </button>
              )}
              {talking && (
                <button
                  type="button"
                  className="button"
                  disabled={view.status !== 'on'}
                  onClick={() => void call.setCamera(!view.camera)}
                >
                  {view.camera ? 'Camera off' : 'Camera on'}
                </button>
              )}
              <button
                type="button"
                className="button button--quiet"
                aria-pressed={keepInView}
                onClick={toggleKeepInView}
              >
                Keep in view
              </button>
              <button
                type="button"
                className="button button--quiet"
                aria-expanded={tiles}
                aria-controls="call-tiles"
                onClick={() => setTiles(!tiles)}
              >
                {tiles ? 'Hide video' : 'Show video'}
              </button>
              <button type="button" className="button button--danger" onClick={() => call.leave()}>
                Leave the call
              </button>
            </>
          )}
        </div>
      </div>
      {view.problem && (
        <div className="call__problem" role="alert">
          <p>{problemWords(view.problem)}</p>
          <div className="actions">
            <button type="button" className="button" onClick={() => call.retry()}>
              Try again
            </button>
            {view.status === 'off' && view.sends && view.problem.kind !== 'refused' && (
              <button
                type="button"
                className="button button--quiet"
                onClick={() => call.retry({ listenOnly: true })}
              >
                Join without a microphone
              </button>
            )}
          </div>
        </div>
      )}
      {unreachable.length > 0 && (
        <div className="call__problem" role="alert">
          <p>{unreachable.map((p) => linkWords(p.role, p.state, p.relayed)).join(' ')}</p>
          <button type="button" className="button" onClick={() => call.retry()}>
            Try again
          </button>
        </div>
      )}
      {view.status === 'on' && tiles && (
        <ul className="call__tiles" id="call-tiles" aria-label="People in the call">
          {talking && <SelfTile view={view} />}
          {view.peers.map((peer) => (
            <PeerTile key={`${peer.role}`} peer={peer} />
          ))}
        </ul>
      )}
      <CallSettings call={call} view={view} />
    </section>
  );
}

/** Shows a stream in a video element; React cannot set `srcObject` itself. */
function useStream<E extends HTMLMediaElement>(stream: MediaStream | null) {
  const ref = useRef<E>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return ref;
}

function SelfTile({ view }: { view: CallView }) {
  const video = useStream<HTMLVideoElement>(view.preview);
  return (
    <li className="call__tile" data-speaking={view.speaking} data-testid="call-tile-self">
      {view.preview ? (
        <video ref={video} className="call__video call__video--self" autoPlay playsInline muted />
      ) : (
        <span className="call__initial" aria-hidden="true">
          You
        </span>
      )}
      <span className="call__name">You</span>
      <TileBadge text={view.muted ? 'muted' : view.speaking ? 'speaking' : null} />
    </li>
  );
}

/** What a tile's person is doing, in a word (not by the outline's colour alone). */
function TileBadge({ text }: { text: string | null }) {
  return text ? <span className="call__badge">{text}</span> : null;
}

function PeerTile({ peer }: { peer: PeerView }) {
  const video = useStream<HTMLVideoElement>(peer.stream);
  const audio = useStream<HTMLAudioElement>(peer.stream);
  const [blocked, setBlocked] = useState(false);
  // The browser may refuse to play sound a page starts by itself (after a refresh).
  useEffect(() => {
    const element = audio.current;
    if (!element) return;
    element.play().then(
      () => setBlocked(false),
      () => setBlocked(true),
    );
  }, [audio, peer.stream]);
  return (
    <li
      className="call__tile"
      data-speaking={peer.speaking}
      data-state={peer.state}
      data-testid={`call-tile-${peer.role}`}
    >
      <video ref={video} className="call__video" hidden={!peer.video} autoPlay playsInline muted />
      {!peer.video && (
        <span className="call__initial" aria-hidden="true">
          {peer.role[0]!.toUpperCase()}
        </span>
      )}
      <audio ref={audio} autoPlay />
      <span className="call__name">{peer.role}</span>
      <TileBadge
        text={
          peer.state !== 'connected'
            ? peer.state
            : peer.speaking
              ? 'speaking'
              : peer.role === 'observer'
                ? 'listening'
                : null
        }
      />
      {blocked && (
        <button
          type="button"
          className="button call__play"
          onClick={() =>
            void audio.current?.play().then(
              () => setBlocked(false),
              () => {},
            )
          }
        >
          Play sound
        </button>
      )}
    </li>
  );
}

function CallSettings({ call, view }: { call: Call; view: CallView }) {
  return (
    <details className="call__settings">
      <summary>Call settings</summary>
      {view.sends && (
        <div className="call__devices">
          <DevicePicker
            label="Microphone"
            choices={view.microphones}
            chosen={view.microphone}
            choose={(id) => void call.chooseMicrophone(id)}
          />
          <DevicePicker
            label="Camera"
            choices={view.cameras}
            chosen={view.cameraId}
            choose={(id) => void call.chooseCamera(id)}
          />
        </div>
      )}
      <label className="call__relay">
        <input
          type="checkbox"
          checked={view.relayOnly}
          onChange={(event) => call.setRelayOnly(event.target.checked)}
        />{' '}
        Relay only: send the call through the server's TURN relay, so your partner never learns your
        network address (needs a TURN server; may add delay).
      </label>
    </details>
  );
}

function DevicePicker(props: {
  label: string;
  choices: { id: string; label: string }[];
  chosen: string | null;
  choose(id: string): void;
}) {
  const { label, choices, chosen, choose } = props;
  const id = `call-${label.toLowerCase()}`;
  return (
    <div className="call__device">
      {choices.length === 0 ? (
        <p className="muted">{label}: shown once the browser may use it (join the call first).</p>
      ) : (
        <>
          <label htmlFor={id}>{label}</label>
          <select id={id} value={chosen ?? ''} onChange={(event) => choose(event.target.value)}>
            {chosen === null && <option value="">The browser&apos;s default</option>}
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.label}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}
