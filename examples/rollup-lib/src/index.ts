export { mean, median, standardDeviation } from './stats';
export { Histogram, type Bucket } from './histogram';
