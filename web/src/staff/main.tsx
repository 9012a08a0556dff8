import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/styles.css';
import { App } from './App';
import { TrainingBanner } from '../ui/TrainingBanner';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TrainingBanner />
    <App />
  </StrictMode>,
);
