// The image operations' contract, apart from their code so that the lazy loader and the
// loaded implementation do not import each other.
import type { ImageSummary } from '../../docker/images.js';
import type { ImageRowRef } from '../../render/images.js';

export interface ImageOpsHooks {
  /** Selects an image row in the images pane (after a build or a pull). */
  selectImage(imageId: string, ref?: string): void;
  /** Selects a container in the containers pane, whose logs the logs pane then follows. */
  selectContainer(id: string): void;
  /** Opens the jobs view on a job. */
  showJobs(jobId?: number): void;
}

export interface ImageOps {
  history(row: ImageRowRef, image: ImageSummary | undefined): void;
  build(): void;
  pull(): void;
  push(row: ImageRowRef, image: ImageSummary | undefined): void;
  tag(row: ImageRowRef, image: ImageSummary | undefined): void;
  run(row: ImageRowRef, image: ImageSummary | undefined): void;
  prune(): void;
  pruneCache(): void;
}
