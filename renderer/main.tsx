// Entry point of the UI: picks the transport (Electron preload or the browser host's WebSocket) and renders.
import { render } from 'preact';
import { getApi, getConnection } from './api/getApi.js';
import { App } from './app/App.js';
import './styles/base.css';
import './styles/app.css';
import './styles/lab.css';
import './styles/topology.css';
import './styles/markdown.css';
import './styles/classroom.css';

const root = document.getElementById('app');
if (root) render(<App api={getApi()} connection={getConnection()} />, root);
