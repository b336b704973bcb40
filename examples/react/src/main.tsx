import {StrictMode} from 'react';
import {createRoot} from 'react-dom/client';
// Registers <parley-comments> and its parts. Import it before the first render, so React
// sees the elements' properties and sets `adapter` and `strings` as properties.
import 'parley-comments/define.js';
import {App} from './App.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>
);
